namespace Stagecraft.Local.State;

/// <summary>
/// The state file's tables, versioned with PRAGMA user_version. Migrations only ever move forward:
/// append a new step, never edit one that has shipped.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[][] Migrations =
    [
        // 1: the initial schema.
        [
            """
            CREATE TABLE meta (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL)
            """,
            """
            CREATE TABLE stages (
                name            TEXT PRIMARY KEY,
                kind            TEXT NOT NULL,
                status          TEXT NOT NULL,
                fingerprint     TEXT,
                manifest_json   TEXT,
                outputs_json    TEXT NOT NULL,
                depends_on_json TEXT NOT NULL,
                settings_json   TEXT,
                protect         INTEGER NOT NULL,
                last_run_id     INTEGER,
                updated_at      TEXT NOT NULL,
                last_error      TEXT)
            """,
            """
            CREATE TABLE runs (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                verb        TEXT NOT NULL,
                environment TEXT NOT NULL,
                status      TEXT NOT NULL,
                started_at  TEXT NOT NULL,
                finished_at TEXT,
                user        TEXT NOT NULL,
                host        TEXT NOT NULL,
                pid         INTEGER NOT NULL,
                arguments   TEXT NOT NULL,
                note        TEXT)
            """,
            "CREATE INDEX runs_by_status ON runs (status)",
            """
            CREATE TABLE run_stages (
                run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                seq         INTEGER NOT NULL,
                stage       TEXT NOT NULL,
                kind        TEXT NOT NULL,
                action      TEXT NOT NULL,
                result      TEXT NOT NULL,
                started_at  TEXT,
                duration_ms INTEGER NOT NULL,
                reason      TEXT,
                error       TEXT,
                fingerprint TEXT,
                log_path    TEXT,
                PRIMARY KEY (run_id, seq))
            """,
            """
            CREATE TABLE lock (
                id           INTEGER PRIMARY KEY CHECK (id = 1),
                holder       TEXT NOT NULL,
                host         TEXT NOT NULL,
                pid          INTEGER NOT NULL,
                pid_start    INTEGER,
                command      TEXT NOT NULL,
                acquired_at  TEXT NOT NULL,
                heartbeat_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE approvals (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                stage       TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                approved_by TEXT NOT NULL,
                approved_at TEXT NOT NULL,
                note        TEXT)
            """,
            "CREATE INDEX approvals_by_stage ON approvals (stage, fingerprint)",
            """
            CREATE TABLE stage_data (
                stage TEXT NOT NULL,
                key   TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (stage, key))
            """,
        ],
    ];

    public static int LatestVersion => Migrations.Length;

    /// <summary>Brings the schema up to date inside the caller's write transaction (so two processes cannot both migrate).</summary>
    public static async Task MigrateAsync(SqliteTransaction transaction, string path, CancellationToken cancellationToken)
    {
        var version = Convert.ToInt32(await transaction.ScalarAsync("PRAGMA user_version", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (version > LatestVersion)
        {
            throw new StagecraftException(
                $"state file {path} has schema version {version}, newer than this Stagecraft understands ({LatestVersion})",
                ExitCodes.StageFailed,
                "upgrade stagecraft to the version that wrote it (or newer); an older version must not write state it cannot read");
        }

        for (var step = version; step < LatestVersion; step++)
        {
            foreach (var sql in Migrations[step])
            {
                await transaction.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
            }
        }

        if (version != LatestVersion)
        {
            // PRAGMA takes no parameters; the value is our own integer.
            await transaction.ExecuteAsync($"PRAGMA user_version = {LatestVersion.ToString(CultureInfo.InvariantCulture)}", cancellationToken).ConfigureAwait(false);
        }
    }
}
