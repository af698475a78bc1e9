namespace Stagecraft.Aws.Sdk;

/// <summary>The account and principal of the credentials in use.</summary>
internal sealed record CallerIdentity(string Account, string Arn);
