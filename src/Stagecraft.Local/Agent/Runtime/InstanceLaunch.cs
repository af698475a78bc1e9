namespace Stagecraft.Local.Agent.Runtime;

/// <summary>How to start one instance: argv (never a shell), where, with which environment changes.</summary>
internal sealed record InstanceLaunch(IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment);
