namespace Stagecraft.Local.Agent.Control;

/// <summary>What the local target gives its kinds to reach the host agent: where it lives and how to start it.</summary>
public sealed class AgentConnector(AgentHome home, AgentStartCommand? start)
{
    public AgentHome Home { get; } = home;

    public AgentLauncher Launcher { get; } = new AgentLauncher(home, start);

    public AgentClient Client => Launcher.Client;
}
