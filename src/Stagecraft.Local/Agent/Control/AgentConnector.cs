namespace Stagecraft.Local.Agent.Control;

/// <summary>What the local target gives its kinds to reach the host agent: where it lives and how to start it.</summary>
public sealed class AgentConnector
{
    public AgentConnector(AgentHome home, AgentStartCommand? start)
    {
        Home = home;
        Launcher = new AgentLauncher(home, start);
    }

    public AgentHome Home { get; }

    public AgentLauncher Launcher { get; }

    public AgentClient Client => Launcher.Client;
}
