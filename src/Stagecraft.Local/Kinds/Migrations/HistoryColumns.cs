namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>The history table's columns, shared by both engines (types differ, names and order do not).</summary>
internal static class HistoryColumns
{
    public const string Select = "version, description, script, checksum, installed_by, installed_at, duration_ms, run_id";

    public const string Sqlite = """
        (installed_rank INTEGER PRIMARY KEY,
         version TEXT NOT NULL UNIQUE,
         description TEXT NOT NULL,
         script TEXT NOT NULL,
         checksum TEXT NOT NULL,
         installed_by TEXT NOT NULL,
         installed_at TEXT NOT NULL,
         duration_ms INTEGER NOT NULL,
         run_id INTEGER)
        """;

    public const string Postgres = """
        (installed_rank BIGSERIAL PRIMARY KEY,
         version TEXT NOT NULL UNIQUE,
         description TEXT NOT NULL,
         script TEXT NOT NULL,
         checksum TEXT NOT NULL,
         installed_by TEXT NOT NULL,
         installed_at TIMESTAMPTZ NOT NULL,
         duration_ms BIGINT NOT NULL,
         run_id BIGINT)
        """;
}
