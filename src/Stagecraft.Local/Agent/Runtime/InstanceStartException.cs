namespace Stagecraft.Local.Agent.Runtime;

/// <summary>An instance's program could not be started at all (missing, not executable).</summary>
internal sealed class InstanceStartException(string message) : Exception(message);
