namespace Stagecraft.Core.State;

/// <summary>Who holds an environment's lock. <see cref="PidStart"/> tells a reused pid from the holder.</summary>
public sealed record LockInfo(
    string Holder,
    string Host,
    int Pid,
    long? PidStart,
    string Command,
    DateTimeOffset AcquiredAt,
    DateTimeOffset HeartbeatAt)
{
    public string Describe() => $"{Holder} on {Host} (pid {Pid}, '{Command}', since {AcquiredAt:u}, last heartbeat {HeartbeatAt:u})";
}

public abstract record LockAttempt
{
    private LockAttempt()
    {
    }

    /// <summary>Acquired; <paramref name="TookOverFrom"/> names a stale holder that was replaced.</summary>
    public sealed record Acquired(LockInfo? TookOverFrom) : LockAttempt;

    public sealed record Held(LockInfo Holder) : LockAttempt;
}
