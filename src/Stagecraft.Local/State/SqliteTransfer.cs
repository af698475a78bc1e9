using Stagecraft.Core.State.Portable;

namespace Stagecraft.Local.State;

/// <summary>The whole file as a <see cref="StateDocument"/> and back, each inside the caller's one transaction.</summary>
internal static class SqliteTransfer
{
    public static async Task<StateDocument> ExportAsync(SqliteTransaction transaction, StageTable stages, byte[] keyIfNone, CancellationToken cancellationToken)
    {
        var key = await MetaTable.ReadHmacKeyAsync(transaction, cancellationToken).ConfigureAwait(false) ?? keyIfNone;
        var records = await stages.ReadAllAsync(transaction, cancellationToken).ConfigureAwait(false);
        var runs = await RunTable.ReadAllAsync(transaction, cancellationToken).ConfigureAwait(false);
        var approvals = await ApprovalTable.ReadAllAsync(transaction, cancellationToken).ConfigureAwait(false);
        var data = await StageDataTable.ReadAllAsync(transaction, cancellationToken).ConfigureAwait(false);

        // AUTOINCREMENT remembers the highest id ever used, even of runs since removed.
        var sequence = await transaction.ScalarAsync("SELECT seq FROM sqlite_sequence WHERE name = 'runs'", cancellationToken).ConfigureAwait(false);
        return new StateDocument(key, records.Values.ToList(), runs, approvals, data, sequence is long last ? last : 0);
    }

    /// <summary>Replaces every table's rows; the caller's transaction makes it all or nothing.</summary>
    public static async Task ImportAsync(SqliteTransaction transaction, StageTable stages, StateDocument document, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = await transaction.ScalarAsync("SELECT seq FROM sqlite_sequence WHERE name = 'runs'", cancellationToken).ConfigureAwait(false) as long? ?? 0;
        foreach (var table in new[] { "run_stages", "runs", "stages", "approvals", "stage_data" })
        {
            await transaction.ExecuteAsync($"DELETE FROM {table}", cancellationToken).ConfigureAwait(false);
        }

        await MetaTable.ReplaceHmacKeyAsync(transaction, document.HmacKey, cancellationToken).ConfigureAwait(false);
        foreach (var record in document.Stages)
        {
            await stages.ApplyAsync(transaction, new StageStateChange.Put(record), record.LastRunId ?? 0, now, cancellationToken).ConfigureAwait(false);
        }

        foreach (var run in document.Runs.OrderBy(r => r.Summary.Id))
        {
            await RunTable.InsertAsync(transaction, run, cancellationToken).ConfigureAwait(false);
        }

        foreach (var approval in document.Approvals)
        {
            await ApprovalTable.AddAsync(transaction, approval, cancellationToken).ConfigureAwait(false);
        }

        foreach (var entry in document.StageData)
        {
            await StageDataTable.SetAsync(transaction, entry.Stage, entry.Key, entry.Value, cancellationToken).ConfigureAwait(false);
        }

        // Run ids never go backwards, so logs and history of a later run cannot be confused with an earlier one.
        await transaction.ExecuteAsync("DELETE FROM sqlite_sequence WHERE name = 'runs'", cancellationToken).ConfigureAwait(false);
        var last = Math.Max(before, Math.Max(document.LastRunId, document.Runs.Count == 0 ? 0 : document.Runs.Max(r => r.Summary.Id)));
        if (last > 0)
        {
            await transaction.ExecuteAsync("INSERT INTO sqlite_sequence (name, seq) VALUES ('runs', $last)", cancellationToken, ("$last", last)).ConfigureAwait(false);
        }
    }
}
