using Stagecraft.Core.Engine;

namespace Stagecraft.TestSupport;

/// <summary>A host whose processes and environment variables a test controls.</summary>
public sealed class FakeHostInfo : IHostInfo
{
    public string UserName { get; init; } = "tester";

    public string HostName { get; init; } = "test-host";

    public int ProcessId { get; init; } = 4242;

    public HashSet<int> LivePids { get; } = [4242];

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public long? ProcessStart(int pid) => LivePids.Contains(pid) ? 1000 + pid : null;

    public string? GetEnvironmentVariable(string name) => Environment.GetValueOrDefault(name);
}
