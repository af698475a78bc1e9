namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// A migrations stage's drift: the history table is read (no lock, nothing written) and compared with
/// the migration files and the schema version state recorded: a row whose checksum differs from its
/// file, an applied file whose row is gone, a version other than the recorded one.
/// </summary>
internal static class MigrationsDrift
{
    private const string EditedHistory =
        "the history table no longer matches the files, and a deploy never rewrites an applied migration: restore the row (or the database from a backup), then run 'drift' again";

    public static async Task<DriftResult> CheckAsync(StageContext context, CancellationToken cancellationToken)
    {
        var settings = MigrationSettings.From(context);
        if (settings.Database is SqliteLocation sqlite && !File.Exists(sqlite.Path))
        {
            return new DriftResult.Gone($"the database file {sqlite.DisplayPath} does not exist");
        }

        var scripts = MigrationDirectory.Load(settings.Directory, context.ProjectDirectory);
        var recorded = context.Previous?.Outputs.GetValueOrDefault("schema_version")?.Value ?? "0";
        IReadOnlyList<AppliedMigration> history;
        try
        {
            await using var database = settings.Database.Open(settings.Table, settings.Timeout);
            await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new StageFailedException($"reading the history of {settings.Database.Display} failed: {ex.Message}", inner: ex);
        }

        if (history.Count == 0 && recorded != "0")
        {
            return new DriftResult.Gone($"{settings.Database.Display} has no migration history (state recorded version {recorded})");
        }

        var byVersion = scripts.ToDictionary(s => s.Version);
        var edited = new List<string>();
        foreach (var row in history)
        {
            if (MigrationVersion.TryParse(row.Version) is { } version && byVersion.TryGetValue(version, out var script) && script.Checksum != row.Checksum)
            {
                edited.Add($"checksum of version {row.Version} in the history table is {Short(row.Checksum)}, its file {script.DisplayPath} has {Short(script.Checksum)}");
            }
        }

        var differences = new List<string>(edited);
        var current = history.Select(r => MigrationVersion.TryParse(r.Version)).OfType<MigrationVersion>().DefaultIfEmpty().Max();
        var now = current?.Text ?? "0";
        if (now != recorded)
        {
            differences.Add($"schema version is {now}, state recorded {recorded}");
        }

        var applied = history.Select(r => MigrationVersion.TryParse(r.Version)).OfType<MigrationVersion>().ToHashSet();
        // The files are part of the fingerprint and the stage is unchanged, so every one of them was applied by the last deploy.
        var lost = scripts.Where(s => !applied.Contains(s.Version)).ToList();
        differences.AddRange(lost.Select(s => $"{s.DisplayPath} is no longer in the history table"));
        return differences.Count == 0 ? DriftResult.Same : new DriftResult.Drifted(differences, edited.Count > 0 ? EditedHistory : null);
    }

    private static string Short(string checksum) => checksum.Length > 12 ? checksum[..12] : checksum;
}
