using System.Diagnostics;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// Applies pending migrations, each in its own transaction together with its history row. It first
/// reads the history without any lock — when nothing is pending that is all it does — then takes
/// the engine's lock and re-reads the history inside every transaction, so concurrent runs never
/// apply a file twice and validation always sees the latest history.
/// </summary>
internal sealed class MigrationRunner(IMigrationDatabase database, IReadOnlyList<MigrationScript> scripts, MigrationRunnerOptions options)
{
    private readonly IMigrationDatabase _database = database;

    /// <summary>Runs to the end and returns the schema version then (null: no migration applied ever).</summary>
    public async Task<MigrationVersion?> RunAsync(CancellationToken cancellationToken)
    {
        var log = options.Log;
        var plan = MigrationPlan.Create(scripts, await _database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false), options.OutOfOrder, options.DirectoryDisplay);
        if (plan.Pending.Count == 0)
        {
            log.Line($"{_database.Display} is up to date at version {plan.Current?.Text ?? "(none)"}; nothing to apply");
            return plan.Current;
        }

        log.Line($"{plan.Pending.Count} pending: {string.Join(", ", plan.Pending.Select(s => s.FileName))}");
        await using (await _database.LockAsync(log, cancellationToken).ConfigureAwait(false))
        {
            while (true)
            {
                var (done, current) = await ApplyNextAsync(cancellationToken).ConfigureAwait(false);
                if (done)
                {
                    log.Line($"{_database.Display} is at version {current?.Text ?? "(none)"}");
                    return current;
                }
            }
        }
    }

    private async Task<(bool Done, MigrationVersion? Current)> ApplyNextAsync(CancellationToken cancellationToken)
    {
        await _database.BeginAsync(cancellationToken).ConfigureAwait(false);
        var committed = false;
        try
        {
            var history = await _database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
            var plan = MigrationPlan.Create(scripts, history, options.OutOfOrder, options.DirectoryDisplay);
            if (plan.Pending.Count == 0)
            {
                await _database.CommitAsync(cancellationToken).ConfigureAwait(false);
                committed = true;
                return (true, plan.Current);
            }

            var next = plan.Pending[0];
            options.Log.Status($"applying {next.FileName}");
            var startedAt = options.Time.GetUtcNow();
            var clock = Stopwatch.StartNew();
            try
            {
                await _database.ExecuteAsync(next, cancellationToken).ConfigureAwait(false);
            }
            catch (MigrationScriptException ex)
            {
                throw Failed(next, ex, plan.Current);
            }

            var duration = clock.Elapsed;
            await _database.RecordAsync(new AppliedMigration(next.Version.Text, next.Description, next.FileName, next.Checksum,
                options.InstalledBy, startedAt, duration, options.RunId), cancellationToken).ConfigureAwait(false);
            await _database.CommitAsync(cancellationToken).ConfigureAwait(false);
            committed = true;
            options.Log.Line($"applied {next.FileName} (version {next.Version}) in {(long)duration.TotalMilliseconds} ms");
            return (false, next.Version);
        }
        finally
        {
            if (!committed)
            {
                await _database.RollbackAsync().ConfigureAwait(false);
            }
        }
    }

    private StageFailedException Failed(MigrationScript script, MigrationScriptException ex, MigrationVersion? current)
    {
        var where = $"{script.DisplayPath}:{ex.Line}";
        options.Log.Line($"{where}: {ex.Message}");
        var details = new List<string>
        {
            $"the database is still at version {current?.Text ?? "(none)"}: nothing of {script.FileName} was applied or recorded",
            "statement:",
        };
        details.AddRange(SqlText.Excerpt(ex.Statement));
        return new StageFailedException($"migration {script.FileName} failed at {where}: {ex.Message}", details,
            $"fix {script.DisplayPath} (it was never applied, so editing it is fine) and deploy again", ex);
    }
}
