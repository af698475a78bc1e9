namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>sqlite:PATH — a database file, relative to the project directory.</summary>
internal sealed record SqliteLocation(string Path, string DisplayPath) : DatabaseLocation
{
    public const string Scheme = "sqlite:";

    public override string Display => Scheme + DisplayPath;

    public override bool AllowsSchemaInTableName => false;

    public override IMigrationDatabase Open(HistoryTable table, TimeSpan timeout) => new SqliteMigrationDatabase(Path, Display, table, timeout);
}
