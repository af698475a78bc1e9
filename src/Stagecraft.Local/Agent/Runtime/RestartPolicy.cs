namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// How a live instance that exits is restarted: after a delay doubling from <see cref="InitialDelay"/> to
/// <see cref="MaxDelay"/>. An instance that exits <see cref="MaxQuickExits"/> times in a row, each within
/// <see cref="StableAfter"/> of starting, is in a crash loop: it is not restarted again and its service is failed.
/// </summary>
internal sealed record RestartPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan StableAfter, int MaxQuickExits)
{
    public static RestartPolicy Default { get; } = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 5);

    /// <summary>The delay before restart number <paramref name="attempt"/> (1-based) of a run of quick exits.</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
        return delay;
    }
}
