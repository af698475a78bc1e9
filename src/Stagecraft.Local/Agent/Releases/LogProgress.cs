namespace Stagecraft.Local.Agent.Releases;

/// <summary>Progress of work nobody waits on (bringing services back after a restart): the agent log only.</summary>
internal sealed class LogProgress(ILogger logger, string service) : IReleaseProgress
{
    public void Line(string text) => AgentLog.ReleaseLine(logger, service, text);

    public void Status(string text) => AgentLog.ReleaseLine(logger, service, text);
}
