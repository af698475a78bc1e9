namespace Stagecraft.Local.State;

/// <summary>The 'stages' table: what state remembers of each stage, and how a run result changes it.</summary>
internal sealed class StageTable(OutputCodec outputs)
{
    private const string Columns = "name, kind, status, fingerprint, manifest_json, outputs_json, depends_on_json, settings_json, protect, last_run_id, updated_at, last_error";

    private readonly OutputCodec _outputs = outputs;

    public async Task<Dictionary<string, StageRecord>> ReadAllAsync(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await transaction.QueryAsync($"SELECT {Columns} FROM stages ORDER BY name", Map, cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    public async Task ApplyAsync(SqliteTransaction transaction, StageStateChange change, long runId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (change)
        {
            case StageStateChange.None:
                break;
            case StageStateChange.Put put:
                await PutAsync(transaction, put.Record, cancellationToken).ConfigureAwait(false);
                break;
            case StageStateChange.SetStatus status:
                await SetStatusAsync(transaction, status, runId, now, cancellationToken).ConfigureAwait(false);
                break;
            case StageStateChange.Remove remove:
                // stage_data is kept on purpose: a destroyed service's release history still explains
                // what ran, and a redeploy under the same name may want it. Only the record goes.
                await transaction.ExecuteAsync("DELETE FROM stages WHERE name = $name", cancellationToken, ("$name", remove.Stage)).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "unknown state change");
        }
    }

    private async Task PutAsync(SqliteTransaction transaction, StageRecord record, CancellationToken cancellationToken)
    {
        // Serialise everything before touching the table, so a failure leaves the row as it was.
        var outputs = _outputs.Encode(record.Outputs);
        var manifest = StateJson.EncodeManifest(record.Manifest);
        var dependsOn = StateJson.EncodeList(record.DependsOn);
        await transaction.ExecuteAsync(
            $"""
            INSERT INTO stages ({Columns})
            VALUES ($name, $kind, $status, $fingerprint, $manifest, $outputs, $dependsOn, $settings, $protect, $lastRunId, $updatedAt, $lastError)
            ON CONFLICT (name) DO UPDATE SET
                kind = excluded.kind, status = excluded.status, fingerprint = excluded.fingerprint,
                manifest_json = excluded.manifest_json, outputs_json = excluded.outputs_json,
                depends_on_json = excluded.depends_on_json, settings_json = excluded.settings_json,
                protect = excluded.protect, last_run_id = excluded.last_run_id,
                updated_at = excluded.updated_at, last_error = excluded.last_error
            """,
            cancellationToken,
            ("$name", record.Name),
            ("$kind", record.Kind),
            ("$status", record.Status.ToString()),
            ("$fingerprint", record.Fingerprint),
            ("$manifest", manifest),
            ("$outputs", outputs),
            ("$dependsOn", dependsOn),
            ("$settings", record.SettingsJson),
            ("$protect", record.Protect ? 1 : 0),
            ("$lastRunId", record.LastRunId),
            ("$updatedAt", Timestamps.Format(record.UpdatedAt)),
            ("$lastError", record.LastError)).ConfigureAwait(false);
    }

    /// <summary>Keeps fingerprint and outputs; a stage never recorded gets a minimal record (nothing deployed yet).</summary>
    private static Task SetStatusAsync(SqliteTransaction transaction, StageStateChange.SetStatus change, long runId, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            $"""
            INSERT INTO stages ({Columns})
            VALUES ($name, $kind, $status, NULL, NULL, $noOutputs, $noDependencies, NULL, 0, $runId, $now, $error)
            ON CONFLICT (name) DO UPDATE SET
                status = excluded.status, last_error = excluded.last_error,
                last_run_id = excluded.last_run_id, updated_at = excluded.updated_at
            """,
            cancellationToken,
            ("$name", change.Stage),
            ("$kind", change.Kind),
            ("$status", change.Status.ToString()),
            ("$noOutputs", "{}"),
            ("$noDependencies", "[]"),
            ("$runId", runId),
            ("$now", Timestamps.Format(now)),
            ("$error", change.Error));

    private StageRecord Map(SqliteDataReader row) => new(
        row.Text("name"),
        row.Text("kind"),
        row.Enum<StageStatus>("status"),
        row.OptionalText("fingerprint"),
        StateJson.DecodeManifest(row.OptionalText("manifest_json")),
        _outputs.Decode(row.Text("outputs_json")),
        StateJson.DecodeList(row.Text("depends_on_json")),
        row.OptionalText("settings_json"),
        row.Integer("protect") != 0,
        row.OptionalInteger("last_run_id"),
        row.Time("updated_at"),
        row.OptionalText("last_error"));
}
