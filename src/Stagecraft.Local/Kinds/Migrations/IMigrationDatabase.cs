namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// What the migrator needs from a database engine. One connection per run; each migration runs
/// between <see cref="BeginAsync"/> and <see cref="CommitAsync"/>, together with its history row.
/// </summary>
internal interface IMigrationDatabase : IAsyncDisposable
{
    /// <summary>Where, for messages; never contains a password.</summary>
    string Display { get; }

    /// <summary>Connects; a failure is a <see cref="StageFailedException"/> that says why (refused, wrong password…).</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>The history rows, oldest first; empty when the table does not exist yet.</summary>
    Task<IReadOnlyList<AppliedMigration>> ReadHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Keeps other runs against this database out until disposed (PostgreSQL: an advisory lock).</summary>
    Task<IAsyncDisposable> LockAsync(IStageLog log, CancellationToken cancellationToken);

    /// <summary>Starts one migration's transaction (SQLite: an exclusive one) and makes sure the history table exists.</summary>
    Task BeginAsync(CancellationToken cancellationToken);

    /// <summary>Runs a script's statements; a failing statement throws <see cref="MigrationScriptException"/> with its line.</summary>
    Task ExecuteAsync(MigrationScript script, CancellationToken cancellationToken);

    Task RecordAsync(AppliedMigration migration, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);

    /// <summary>Undoes the open transaction, if any; never throws.</summary>
    Task RollbackAsync();
}
