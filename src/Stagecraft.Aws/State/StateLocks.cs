namespace Stagecraft.Aws.State;

/// <summary>
/// The environment's lock as a lease in DynamoDB. A holder is replaced when its lease expired, or
/// when the caller's <c>mayTakeOver</c> says it is gone (a dead process on this host) — whichever
/// comes first. While this store holds the lock, its state writes are fenced on still holding it.
/// </summary>
internal sealed class StateLocks(ControlTable control, StateRepository repository, TimeProvider time, TimeSpan lease)
{
    private const int Attempts = 5;

    private readonly TimeSpan _lease = lease;

    public async Task<LockAttempt> TryAcquireAsync(LockInfo mine, Func<LockInfo, bool> mayTakeOver, CancellationToken cancellationToken)
    {
        LockInfo? seen = null;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            // Free, or its lease ran out: one conditional write takes it and says what it replaced.
            var now = time.GetUtcNow();
            if (await control.TryLockAsync(mine, now, now + _lease, null, cancellationToken).ConfigureAwait(false) is { } before)
            {
                return Acquired(mine, ControlItem.ReadLock(before));
            }

            var item = await control.ReadAsync(cancellationToken).ConfigureAwait(false);
            seen = ControlItem.ReadLock(item);
            if (seen is null || ControlItem.LeaseExpiry(item) < now)
            {
                continue; // released or expired in between: try the plain way again
            }

            // Our own write: it succeeded but its reply was lost, so the SDK's retry failed its condition.
            if (IsMine(seen, mine))
            {
                return Acquired(mine, null);
            }

            if (!mayTakeOver(seen))
            {
                return new LockAttempt.Held(seen);
            }

            // Replace exactly the holder judged stale; if it changed meanwhile, look again.
            if (await control.TryLockAsync(mine, now, now + _lease, seen, cancellationToken).ConfigureAwait(false) is not null)
            {
                return Acquired(mine, seen);
            }
        }

        return seen is null
            ? throw new InvalidOperationException("the lock changed hands on every attempt")
            : new LockAttempt.Held(seen);
    }

    public async Task<bool> HeartbeatAsync(LockInfo mine, DateTimeOffset now, CancellationToken cancellationToken) =>
        await control.HeartbeatAsync(mine, now, time.GetUtcNow() + _lease, cancellationToken).ConfigureAwait(false);

    public async Task ReleaseAsync(LockInfo mine, CancellationToken cancellationToken)
    {
        await control.ReleaseAsync(mine, cancellationToken).ConfigureAwait(false);
        if (repository.Owner is { } owner && owner.Host == mine.Host && owner.Pid == mine.Pid)
        {
            repository.Owner = null;
        }
    }

    public async Task<LockInfo?> BreakAsync(CancellationToken cancellationToken)
    {
        var removed = await control.BreakAsync(cancellationToken).ConfigureAwait(false);
        repository.Owner = null;
        return removed;
    }

    private static bool IsMine(LockInfo holder, LockInfo mine) =>
        holder.Host == mine.Host && holder.Pid == mine.Pid && holder.PidStart == mine.PidStart && holder.Holder == mine.Holder
        && ControlItem.Text(holder.AcquiredAt) == ControlItem.Text(mine.AcquiredAt);

    private LockAttempt.Acquired Acquired(LockInfo mine, LockInfo? previous)
    {
        repository.Owner = mine;
        return new LockAttempt.Acquired(previous);
    }
}
