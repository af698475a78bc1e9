namespace Stagecraft.Integration.Tests.Data.Migrations;

/// <summary>A history-table row as a test reads it back from the database.</summary>
public sealed record HistoryRow(string Version, string Description, string Script, string Checksum, string InstalledBy, DateTimeOffset InstalledAt, long DurationMs, long? RunId);
