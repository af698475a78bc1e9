using Microsoft.Extensions.Logging;

namespace Stagecraft.Local.Agent.Releases;

/// <summary>Progress of work nobody waits on (bringing services back after a restart): the agent log only.</summary>
internal sealed class LogProgress(ILogger logger, string service) : IReleaseProgress
{
    private readonly ILogger _logger = logger;
    private readonly string _service = service;

    public void Line(string text) => AgentLog.ReleaseLine(_logger, _service, text);

    public void Status(string text) => AgentLog.ReleaseLine(_logger, _service, text);
}
