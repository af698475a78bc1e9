namespace Stagecraft.Core.State;

/// <summary>A store that keeps every earlier version of its state, for 'state history' and 'state restore'.</summary>
public interface IStateVersions
{
    /// <summary>The newest versions first, the current one included.</summary>
    Task<IReadOnlyList<StateVersion>> ListVersionsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes version <paramref name="version"/> back as a new current version (so a restore can be
    /// undone too) and records <paramref name="run"/> in its history. Run ids never go backwards.
    /// </summary>
    Task<StateVersion> RestoreAsync(long version, RunStart run, CancellationToken cancellationToken);
}
