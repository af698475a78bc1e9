namespace Stagecraft.Local.Proxy;

/// <summary>
/// One request (or websocket) in flight on a pool. It is how a drain finds and cuts what is still running,
/// and carries the single token that stops the forwarding for any reason.
/// </summary>
internal sealed class RequestLease(BackendPool pool)
{
    // Never disposed on purpose: a drain may cancel a lease that has just finished, and a CTS without a timer
    // holds nothing the GC cannot reclaim.
    private readonly CancellationTokenSource _cts = new();
    private int _reason;

    public BackendPool Pool { get; } = pool;

    public CancellationToken Token => _cts.Token;

    public LeaseAbortReason Reason => (LeaseAbortReason)Volatile.Read(ref _reason);

    /// <summary>Set when the proxy answered itself because the backend gave no answer (unreachable, broke off, timed out).</summary>
    public bool BackendFailed { get; set; }

    public bool IsAborted => Reason is not (LeaseAbortReason.None or LeaseAbortReason.Finished);

    // Links in the pool's list of live leases; only touched under the pool's lock.
    internal RequestLease? Previous { get; set; }

    internal RequestLease? Next { get; set; }

    /// <summary>Cancels the forwarding unless it already ended or was cancelled for another reason.</summary>
    public bool TryAbort(LeaseAbortReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)LeaseAbortReason.None) != (int)LeaseAbortReason.None)
        {
            return false;
        }

        _cts.Cancel();
        return true;
    }

    /// <summary>Marks the lease as done so later aborts are no-ops.</summary>
    public void MarkFinished() =>
        Interlocked.CompareExchange(ref _reason, (int)LeaseAbortReason.Finished, (int)LeaseAbortReason.None);
}
