namespace Stagecraft.Core.Engine;

/// <summary>Another run holds the environment's lock. Exit code 3.</summary>
public sealed class LockedException(string environment, LockInfo holder, string? staleNote) : StagecraftException($"environment '{environment}' is locked by {holder.Describe()}{staleNote}", ExitCodes.Locked,
        staleNote is null ? "wait for that run to finish" : $"if that run is really gone, remove the lock with: stagecraft unlock -e {environment}")
{
    public LockInfo Holder { get; } = holder;
}
