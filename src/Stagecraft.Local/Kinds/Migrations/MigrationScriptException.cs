namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>A statement of a migration failed: the line it is on (in the file) and the database's error.</summary>
internal sealed class MigrationScriptException(int line, string error, string statement, Exception? inner = null) : Exception(error, inner)
{
    public int Line { get; } = line;

    public string Statement { get; } = statement;
}
