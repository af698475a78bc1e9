namespace Stagecraft.Local.Agent.Control;

/// <summary>No agent answers on the socket.</summary>
public sealed class AgentNotRunningException(AgentHome home, string reason) : StagecraftException($"no agent answers on {home.SocketPath} ({reason})", ExitCodes.StageFailed, "start one with 'stagecraft agent start' (deploy starts it by itself)")
{
}
