namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>A statement of a migration failed: the line it is on (in the file) and the database's error.</summary>
internal sealed class MigrationScriptException : Exception
{
    public MigrationScriptException(int line, string error, string statement, Exception? inner = null)
        : base(error, inner)
    {
        Line = line;
        Statement = statement;
    }

    public int Line { get; }

    public string Statement { get; }
}
