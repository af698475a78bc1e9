namespace Stagecraft.Core.Engine;

/// <summary>
/// Holds an environment's lock for one run and keeps its heartbeat fresh. A holder whose process
/// is gone from this same host is taken over (it cannot be running); a holder elsewhere with an
/// old heartbeat is only reported, because it may be alive behind a network problem. A store with a
/// leased lock (<see cref="ILeasedLock"/>) also lets anyone take over a lock whose lease expired.
/// </summary>
public sealed class RunLock : IAsyncDisposable
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(90);

    private readonly IStateStore _store;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _released;

    public const string ProcessGoneReason = "its process no longer exists";

    private RunLock(IStateStore store, TimeProvider time, LockInfo mine, LockTakeover? takeover)
    {
        _store = store;
        _time = time;
        Info = mine;
        Takeover = takeover;
        var interval = BeatInterval(store);
        _timer = time.CreateTimer(_ => _ = BeatAsync(), null, interval, interval);
    }

    public LockInfo Info { get; }

    public LockInfo? TookOverFrom => Takeover?.Previous;

    /// <summary>Set when a crashed holder's lock was taken over: what was found and ended first.</summary>
    public LockTakeover? Takeover { get; }

    /// <summary>True once a heartbeat found the lock gone (someone ran 'unlock').</summary>
    public bool Lost { get; private set; }

    public static async Task<RunLock> AcquireAsync(IStateStore store, IHostInfo host, string environment, string command, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = new LockInfo(host.UserName, host.HostName, host.ProcessId, host.ProcessStart(host.ProcessId), command, now, now);
        var attempt = await store.TryAcquireLockAsync(mine, other => IsDeadOnThisHost(other, host), cancellationToken).ConfigureAwait(false);
        switch (attempt)
        {
            case LockAttempt.Held held:
                throw new LockedException(environment, held.Holder, StaleNote(held.Holder, host, now));
            case LockAttempt.Acquired { TookOverFrom: { } previous }:
                // Leftover stage processes are ended before anything else happens, so no stage runs twice at once.
                var takeover = await LockTakeover.HandleAsync(store, host, previous, cancellationToken).ConfigureAwait(false);

                // The takeover goes into history on the runs it ends, with why the holder counted as gone.
                var findings = string.Concat(takeover.Findings().Select(f => "; " + f));
                await store.MarkAbandonedRunsAsync($"abandoned by pid {previous.Pid} on {previous.Host} ({takeover.Reason}); lock taken over by pid {mine.Pid} on {mine.Host}{findings}",
                    now, cancellationToken).ConfigureAwait(false);
                return new RunLock(store, time, mine, takeover);
            default:
                return new RunLock(store, time, mine, null);
        }
    }

    /// <summary>Every 10 s, or a third of a leased lock's lease when that is shorter, so a live run never loses its lease.</summary>
    public static TimeSpan BeatInterval(IStateStore store) =>
        store is ILeasedLock leased && leased.LockLease / 3 < HeartbeatInterval ? leased.LockLease / 3 : HeartbeatInterval;

    public static bool IsDeadOnThisHost(LockInfo holder, IHostInfo host)
    {
        if (holder.Host != host.HostName)
        {
            return false;
        }

        var start = host.ProcessStart(holder.Pid);
        return start is null || (holder.PidStart is not null && start != holder.PidStart);
    }

    /// <summary>Why a store let us take over <paramref name="previous"/>: its process is gone, or (a leased lock) its lease ran out.</summary>
    public static string TakeoverReason(LockInfo previous, IHostInfo host) =>
        IsDeadOnThisHost(previous, host) ? ProcessGoneReason : "its lease expired";

    public static string? StaleNote(LockInfo holder, IHostInfo host, DateTimeOffset now)
    {
        if (IsDeadOnThisHost(holder, host))
        {
            return "; that process no longer exists";
        }

        var age = now - holder.HeartbeatAt;
        return age > StaleAfter ? $"; its last heartbeat was {(int)age.TotalSeconds}s ago, so it looks stale" : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync().ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_released)
            {
                _released = true;
                await _store.ReleaseLockAsync(Info, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task BeatAsync()
    {
        if (!await _gate.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (!_released && !await _store.HeartbeatLockAsync(Info, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
            {
                Lost = true;
            }
        }
        catch (Exception)
        {
            // A missed heartbeat is not fatal; the next one tries again and staleness needs many misses.
        }
        finally
        {
            _gate.Release();
        }
    }
}
