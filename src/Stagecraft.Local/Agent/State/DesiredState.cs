namespace Stagecraft.Local.Agent.State;

/// <summary>
/// What the agent must keep running, persisted so a restarted agent brings every service back on
/// the same address. Mutated only under <see cref="DesiredStateStore"/>'s lock.
/// </summary>
internal sealed class DesiredState
{
    public int V { get; set; } = 1;

    public Dictionary<string, ServiceState> Services { get; set; } = new(StringComparer.Ordinal);
}
