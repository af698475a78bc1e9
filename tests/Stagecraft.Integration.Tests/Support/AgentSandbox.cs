using Stagecraft.Local.Agent;
using Stagecraft.Local.Agent.Control;
using Stagecraft.Local.Agent.Protocol;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>
/// A private agent home for one test ($STAGECRAFT_AGENT_DIR): the agent started in it is stopped on
/// dispose, and every process it ran is checked dead (or killed, failing nothing: a test that claims
/// "no orphan" asserts it itself with <see cref="AssertNoOrphansAsync"/>).
/// </summary>
public sealed class AgentSandbox : IAsyncDisposable
{
    private readonly HashSet<int> _seenPids = [];

    public AgentSandbox()
    {
        // Short: a Unix socket path must fit in 107 bytes.
        Directory = Path.Combine(Path.GetTempPath(), "sa-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(Directory);
        Home = AgentHome.Resolve(name => name == AgentHome.DirectoryVariable ? Directory : null);
        Client = new AgentClient(Home);
    }

    public string Directory { get; }

    public AgentHome Home { get; }

    public AgentClient Client { get; }

    public Dictionary<string, string> Environment => new() { [AgentHome.DirectoryVariable] = Directory };

    public async Task<AgentStatus?> StatusAsync()
    {
        var status = await Client.TryStatusAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        if (status is not null)
        {
            lock (_seenPids)
            {
                _seenPids.Add(status.Pid);
                foreach (var instance in status.Services.SelectMany(s => s.Instances))
                {
                    if (instance.Pid is { } pid)
                    {
                        _seenPids.Add(pid);
                    }
                }
            }
        }

        return status;
    }

    public async Task<ServiceStatus> ServiceAsync(string id) =>
        (await StatusAsync())?.Services.SingleOrDefault(s => s.Id == id) ?? throw new InvalidOperationException($"the agent runs no {id}");

    /// <summary>Starts the agent in the background the way deploy does.</summary>
    public async Task<int> StartAgentAsync()
    {
        var result = await CliProcess.RunAsync(Path.GetTempPath(), Environment, "agent", "start");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("agent start failed: " + result);
        }

        return (await StatusAsync())!.Pid;
    }

    public async Task StopAgentAsync()
    {
        var status = await StatusAsync();
        if (status is null)
        {
            return;
        }

        await CliProcess.RunAsync(Path.GetTempPath(), Environment, "agent", "stop");
    }

    /// <summary>Every process this sandbox's agent was seen to run is gone.</summary>
    public async Task AssertNoOrphansAsync()
    {
        int[] pids;
        lock (_seenPids)
        {
            pids = [.. _seenPids];
        }

        await Eventually.TrueAsync(() => pids.All(p => !Posix.IsAlive(p)), TimeSpan.FromSeconds(20), "every agent and instance process to be gone");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAgentAsync();
        }
        catch (Exception)
        {
            // Cleanup goes on below.
        }

        int[] pids;
        lock (_seenPids)
        {
            pids = [.. _seenPids];
        }

        // Also whatever carries this sandbox's home in its environment: an instance started by an agent that
        // was killed and replaced before any status named it would otherwise outlive the test.
        foreach (var pid in pids.Where(Posix.IsAlive).Concat(Posix.ProcessesWithVariable(AgentHome.DirectoryVariable, Directory)).Distinct())
        {
            try
            {
                Posix.Kill(-pid, Posix.SigKill);
            }
            catch (InvalidOperationException)
            {
                Posix.TryKill(pid, Posix.SigKill);
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process still writing its log; the temp folder is cleaned eventually.
        }
    }
}
