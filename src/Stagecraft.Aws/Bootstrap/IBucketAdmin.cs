namespace Stagecraft.Aws.Bootstrap;

/// <summary>The S3 calls bootstrap makes.</summary>
internal interface IBucketAdmin
{
    /// <summary>True when the bucket exists and these credentials can reach it.</summary>
    Task<bool> ExistsAsync(string bucket, CancellationToken cancellationToken);

    Task CreateAsync(string bucket, string region, CancellationToken cancellationToken);

    /// <summary>Versioning on, default encryption on, every public access blocked. Idempotent.</summary>
    Task SecureAsync(string bucket, CancellationToken cancellationToken);
}
