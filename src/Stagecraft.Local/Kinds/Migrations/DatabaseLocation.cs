namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>Where migrations go, parsed from 'database': a SQLite file or a PostgreSQL server.</summary>
internal abstract record DatabaseLocation
{
    /// <summary>For logs and errors; never contains a password.</summary>
    public abstract string Display { get; }

    public abstract bool AllowsSchemaInTableName { get; }

    public abstract IMigrationDatabase Open(HistoryTable table, TimeSpan timeout);

    // Records print their properties, and one of them may be a password.
    public sealed override string ToString() => Display;
}
