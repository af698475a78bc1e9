namespace Stagecraft.Local.Agent.Control;

/// <summary>A release's progress, sent to the client that asked for it and kept in the agent log, with its secrets masked.</summary>
internal sealed class ConnectionProgress(ConnectionWriter writer, ILogger logger, string service, SecretMasker masker) : IReleaseProgress
{
    public void Line(string text)
    {
        var masked = masker.Apply(text);
        AgentLog.ReleaseLine(logger, service, masked);
        writer.Write(AgentMessage.LogLine(masked));
    }

    public void Status(string text) => writer.Write(AgentMessage.StatusLine(masker.Apply(text)));
}
