namespace Stagecraft.Local.Agent.Runtime;

public enum InstanceState
{
    Starting,
    Running,
    Restarting,
    Failed,
    Stopped,
}
