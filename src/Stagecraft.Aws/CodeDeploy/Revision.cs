namespace Stagecraft.Aws.CodeDeploy;

/// <summary>What to deploy: an S3 bundle or a GitHub commit.</summary>
internal abstract record Revision
{
    public sealed record S3(string Bucket, string Key, string BundleType) : Revision;

    public sealed record GitHub(string Repository, string CommitId) : Revision;
}
