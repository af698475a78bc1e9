namespace Stagecraft.Local.Agent.Protocol;

/// <summary>One lifecycle hook script, as CodeDeploy's appspec describes it.</summary>
/// <param name="Location">The script (absolute, or relative to the release directory).</param>
/// <param name="Timeout">After this long the script's process tree is stopped and the release fails.</param>
/// <param name="RunAs">Run as this user (needs the agent to run as root).</param>
public sealed record HookSpec(string Location, TimeSpan Timeout, string? RunAs);
