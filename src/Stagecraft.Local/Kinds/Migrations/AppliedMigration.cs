namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>One row of the history table: what was applied, its checksum, who applied it, when, and how long it took.</summary>
internal sealed record AppliedMigration(
    string Version,
    string Description,
    string Script,
    string Checksum,
    string InstalledBy,
    DateTimeOffset InstalledAt,
    TimeSpan Duration,
    long? RunId);
