namespace Stagecraft.Core.State;

/// <summary>
/// A store whose lock expires unless its heartbeat renews it (a lease): anyone may take over a lock
/// whose lease ran out. <see cref="Engine.RunLock"/> beats often enough to keep a live lease.
/// </summary>
public interface ILeasedLock
{
    TimeSpan LockLease { get; }
}
