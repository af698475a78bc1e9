namespace Stagecraft.Aws.Bootstrap;

/// <summary>The DynamoDB calls bootstrap makes.</summary>
internal interface ILockTableAdmin
{
    Task<bool> ExistsAsync(string table, CancellationToken cancellationToken);

    /// <summary>Creates the table (on-demand, key <see cref="KeyAttribute"/>) and waits until it is active.</summary>
    Task CreateAsync(string table, CancellationToken cancellationToken);

    public const string KeyAttribute = "lock_id";
}
