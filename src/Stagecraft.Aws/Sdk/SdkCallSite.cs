namespace Stagecraft.Aws.Sdk;

/// <summary>
/// A call to a store the user configured (the state bucket, the lock table): errors then name the
/// store, where it was reached and what was being done, so the user can fix that setting.
/// </summary>
/// <param name="Service">The store as the user knows it, e.g. S3, DynamoDB.</param>
/// <param name="Where">An endpoint URL or "region …", with the bucket or table.</param>
/// <param name="What">What the call was for, e.g. "taking the lock".</param>
internal sealed record SdkCallSite(string Service, string Where, string What);
