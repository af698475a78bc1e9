using Microsoft.Extensions.Logging;
using Stagecraft.Local.Agent.Protocol;
using Stagecraft.Local.Agent.Releases;

namespace Stagecraft.Local.Agent.Control;

/// <summary>A release's progress, sent to the client that asked for it and kept in the agent log.</summary>
internal sealed class ConnectionProgress(ConnectionWriter writer, ILogger logger, string service) : IReleaseProgress
{
    public void Line(string text)
    {
        AgentLog.ReleaseLine(logger, service, text);
        writer.Write(AgentMessage.LogLine(text));
    }

    public void Status(string text) => writer.Write(AgentMessage.StatusLine(text));
}
