namespace Stagecraft.Local.State;

/// <summary>
/// The 'lock' table: at most one row (id = 1). A lock is "ours" when host and pid match, as in
/// the reference store; the pid is unique on a host while the process lives.
/// </summary>
internal static class LockTable
{
    public static async Task<LockInfo?> ReadAsync(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await transaction.QueryAsync(
            "SELECT holder, host, pid, pid_start, command, acquired_at, heartbeat_at FROM lock WHERE id = 1",
            Map,
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public static Task PutAsync(SqliteTransaction transaction, LockInfo mine, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            """
            INSERT OR REPLACE INTO lock (id, holder, host, pid, pid_start, command, acquired_at, heartbeat_at)
            VALUES (1, $holder, $host, $pid, $pidStart, $command, $acquiredAt, $heartbeatAt)
            """,
            cancellationToken,
            ("$holder", mine.Holder),
            ("$host", mine.Host),
            ("$pid", mine.Pid),
            ("$pidStart", mine.PidStart),
            ("$command", mine.Command),
            ("$acquiredAt", Timestamps.Format(mine.AcquiredAt)),
            ("$heartbeatAt", Timestamps.Format(mine.HeartbeatAt)));

    public static async Task<bool> HeartbeatAsync(SqliteTransaction transaction, LockInfo mine, DateTimeOffset now, CancellationToken cancellationToken) =>
        await transaction.ExecuteAsync(
            "UPDATE lock SET heartbeat_at = $now WHERE id = 1 AND host = $host AND pid = $pid",
            cancellationToken,
            ("$now", Timestamps.Format(now)),
            ("$host", mine.Host),
            ("$pid", mine.Pid)).ConfigureAwait(false) == 1;

    public static Task ReleaseAsync(SqliteTransaction transaction, LockInfo mine, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync(
            "DELETE FROM lock WHERE id = 1 AND host = $host AND pid = $pid",
            cancellationToken,
            ("$host", mine.Host),
            ("$pid", mine.Pid));

    public static Task DeleteAsync(SqliteTransaction transaction, CancellationToken cancellationToken) =>
        transaction.ExecuteAsync("DELETE FROM lock WHERE id = 1", cancellationToken);

    private static LockInfo Map(SqliteDataReader row) => new(
        row.Text("holder"),
        row.Text("host"),
        (int)row.Integer("pid"),
        row.OptionalInteger("pid_start"),
        row.Text("command"),
        row.Time("acquired_at"),
        row.Time("heartbeat_at"));
}
