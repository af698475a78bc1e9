namespace Stagecraft.Aws.State;

/// <summary>
/// Where one environment's state lives: its version objects under <see cref="Prefix"/> in the
/// bucket, and its control item (lock + current version) under <see cref="LockId"/> in the table.
/// The lock id is the whole state path, so projects of the same name in other buckets or
/// prefixes never share a lock.
/// </summary>
internal sealed record StateLocation(string Bucket, string Prefix, string LockTable, string Environment)
{
    public string LockId => $"{Bucket}/{Prefix}";

    public string Description => $"s3 s3://{Bucket}/{Prefix}/ (lock: {LockTable})";

    public static StateLocation For(S3StateSettings settings, string project, string environment)
    {
        var prefix = settings.KeyPrefix.Length == 0 ? $"{project}/{environment}" : $"{settings.KeyPrefix}/{project}/{environment}";
        return new StateLocation(settings.Bucket, prefix, settings.LockTable, environment);
    }

    /// <summary>A new version's key: the serial sorts, the random part keeps two racing writers from sharing a key.</summary>
    public string VersionKey(long serial) =>
        $"{Prefix}/{serial.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}.json";
}
