namespace Stagecraft.Aws.Bootstrap;

/// <summary>A region a cdk stage deploys to, and the app it deploys from (its cdk.json may name a bootstrap qualifier).</summary>
internal sealed record CdkTarget(string Region, string AppDirectory, string AppDirAsWritten);
