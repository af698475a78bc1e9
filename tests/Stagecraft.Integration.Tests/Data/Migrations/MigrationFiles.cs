namespace Stagecraft.Integration.Tests.Data.Migrations;

/// <summary>Migration files used by the contract tests; plain SQL both SQLite and PostgreSQL accept.</summary>
internal static class MigrationFiles
{
    public const string Notes = """
        -- The quickstart's notes.
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL);

        """;

    public const string Tags = "ALTER TABLE notes ADD COLUMN tag TEXT;\n";

    // Semicolons and doubled quotes inside strings must not split statements.
    public const string Seed = """
        INSERT INTO notes (id, body, created_at, tag) VALUES (1, 'first; with a semicolon', '2024-01-01', 'a');
        /* a comment; with a semicolon */
        INSERT INTO notes (id, body, created_at) VALUES (2, 'it''s second', '2024-01-02');

        """;

    // Fails on purpose after creating a table; the statement starts on line 4 and the bad token is on line 6.
    public const string Broken = """
        -- creates a table, then fails
        CREATE TABLE tags (id INTEGER PRIMARY KEY);

        INSERT INTO tags (id)
        VALUES (1),
          (oops);

        """;

    public const string Committing = "CREATE TABLE committed_early (id INTEGER);\nCOMMIT;\n";
}
