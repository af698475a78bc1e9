using Stagecraft.Host;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// Versioned SQL migrations for SQLite and PostgreSQL: files V&lt;version&gt;__&lt;description&gt;.sql applied in
/// version order, each in its own transaction, recorded in a history table (version, description,
/// checksum, who, when, duration). An applied file that changed or disappeared is an error, as is
/// a late lower version unless out_of_order is set. Output: schema_version.
/// </summary>
public sealed class MigrationsKind : StageKind, IDriftCheck
{
    public override string Name => "migrations";

    public override string Version => "1";

    public override string Summary => "applies versioned SQL migrations (SQLite, PostgreSQL) with checksums and a history table";

    public override IReadOnlyList<string>? KnownOutputs { get; } = ["schema_version"];

    public override KindSchema Schema { get; } = new(
        new FieldSpec("database", FieldType.String, "sqlite:PATH (relative to the project) or postgres://user@host:port/dbname", Required: true),
        new FieldSpec("password", FieldType.String, "the PostgreSQL password, usually ${secret:NAME}"),
        new FieldSpec("directory", FieldType.Path, "where the V<version>__<description>.sql files are (default: migrations)"),
        new FieldSpec("out_of_order", FieldType.Boolean, "apply a new version lower than the highest applied one instead of failing"),
        new FieldSpec("table", FieldType.String, "the history table (default: stagecraft_schema_history; schema.table on PostgreSQL)"),
        new FieldSpec("timeout", FieldType.Duration, "how long the whole run may take, waiting for another run included (default: 30m)"));

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        if (KindSettingsText.Literal(stage, "database") is { } database
            && !database.Text.StartsWith(SqliteLocation.Scheme, StringComparison.OrdinalIgnoreCase) && !PostgresLocation.Matches(database.Text))
        {
            context.Diagnostics.Add(database.TextLocation, "'database' must start with sqlite: or postgres://", "write sqlite:data/app.db or postgres://user@host:5432/dbname");
        }

        if (KindSettingsText.Literal(stage, "table") is { } table)
        {
            try
            {
                HistoryTable.Parse(table.Text, allowSchema: true);
            }
            catch (StageFailedException ex)
            {
                context.Diagnostics.Add(table.TextLocation, ex.Message, ex.Hint);
            }
        }
    }

    /// <summary>The migration files are part of the fingerprint, so adding one makes the stage deploy again.</summary>
    public override IEnumerable<string> InputPatterns(ResolvedMap settings, string projectDirectory)
    {
        var directory = settings.String("directory") ?? MigrationSettings.DefaultDirectory;
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.IsPathRooted(directory) ? directory : Path.Combine(projectDirectory, directory)));
        if (!ProjectPaths.IsInside(projectDirectory, full))
        {
            return []; // Outside the project only with allow_absolute_paths; such files cannot be fingerprinted.
        }

        var relative = Path.GetRelativePath(projectDirectory, full).Replace('\\', '/');
        return [relative == "." ? "*.sql" : relative + "/*.sql"];
    }

    public Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken) => MigrationsDrift.CheckAsync(context, cancellationToken);

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var settings = MigrationSettings.From(context);
        var directoryDisplay = MigrationDirectory.Display(settings.Directory, context.ProjectDirectory);
        var scripts = MigrationDirectory.Load(settings.Directory, context.ProjectDirectory);
        context.Log.Line($"{scripts.Count} migration file(s) in {directoryDisplay}; database {settings.Database.Display}, history table {settings.Table.Name}");

        using var timeout = new CancellationTokenSource(settings.Timeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await using var database = settings.Database.Open(settings.Table, settings.Timeout);
            await database.OpenAsync(linked.Token).ConfigureAwait(false);
            var options = new MigrationRunnerOptions(context.Log, context.Time, settings.OutOfOrder, OperatorName.Of(context), context.RunId, directoryDisplay);
            var version = await new MigrationRunner(database, scripts, options).RunAsync(linked.Token).ConfigureAwait(false);
            return StageOutcome.Done(new Dictionary<string, OutputValue> { ["schema_version"] = new(version?.Text ?? "0") });
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new StageFailedException($"migrations of {settings.Database.Display} did not finish within {settings.Timeout}; the migration running then was rolled back",
                hint: "raise 'timeout', or look for another run holding the database");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            // Failures outside a migration's statements (connection lost, disk full…).
            throw new StageFailedException($"migrating {settings.Database.Display} failed: {ex.Message}", inner: ex);
        }
    }
}
