using Stagecraft.Core.State.Portable;

namespace Stagecraft.Local.State;

/// <summary>The 'stage_data' table: kind-private values per stage (a service's releases, …).</summary>
internal static class StageDataTable
{
    public static async Task<string?> GetAsync(SqliteTransaction transaction, string stage, string key, CancellationToken cancellationToken) =>
        (string?)await transaction.ScalarAsync(
            "SELECT value FROM stage_data WHERE stage = $stage AND key = $key",
            cancellationToken,
            ("$stage", stage),
            ("$key", key)).ConfigureAwait(false);

    public static Task<List<StageDataEntry>> ReadAllAsync(SqliteTransaction transaction, CancellationToken cancellationToken) =>
        transaction.QueryAsync(
            "SELECT stage, key, value FROM stage_data ORDER BY stage, key",
            row => new StageDataEntry(row.Text("stage"), row.Text("key"), row.Text("value")),
            cancellationToken);

    /// <summary>(stage, key, value) of every entry whose key starts with <paramref name="prefix"/>.</summary>
    public static Task<List<StageDataEntry>> ReadPrefixedAsync(SqliteTransaction transaction, string prefix, CancellationToken cancellationToken) =>
        transaction.QueryAsync(
            "SELECT stage, key, value FROM stage_data WHERE substr(key, 1, length($prefix)) = $prefix ORDER BY stage, key",
            row => new StageDataEntry(row.Text("stage"), row.Text("key"), row.Text("value")),
            cancellationToken,
            ("$prefix", prefix));

    public static Task SetAsync(SqliteTransaction transaction, string stage, string key, string value, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "INSERT INTO stage_data (stage, key, value) VALUES ($stage, $key, $value) ON CONFLICT (stage, key) DO UPDATE SET value = excluded.value",
            cancellationToken,
            ("$stage", stage),
            ("$key", key),
            ("$value", value));

    public static Task RemoveAsync(SqliteTransaction transaction, string stage, string key, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "DELETE FROM stage_data WHERE stage = $stage AND key = $key",
            cancellationToken,
            ("$stage", stage),
            ("$key", key));
}
