using System.ComponentModel;
using System.Diagnostics;

namespace Stagecraft.Local.Agent.Control;

/// <summary>
/// Makes sure an agent answers: when none does, starts one in the background (its own session through
/// setsid, standard streams to its log, not the CLI's) that outlives the CLI, and waits for its socket.
/// </summary>
/// <param name="agentOptions">Options for the agent it starts (after "agent --background"), e.g. --metrics ADDR.</param>
public sealed class AgentLauncher(AgentHome home, AgentStartCommand? start, IReadOnlyList<string>? agentOptions = null)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly AgentClient _client = new AgentClient(home);
    private readonly AgentStartCommand? _start = start;
    private readonly IReadOnlyList<string> _agentOptions = agentOptions ?? [];

    public AgentClient Client => _client;

    /// <summary>True when an agent had to be started.</summary>
    public async Task<bool> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (await _client.TryStatusAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var home = _client.Home;
        if (_start is null)
        {
            throw new AgentNotRunningException(home, "and this process cannot start one");
        }

        home.Prepare();
        using var process = Spawn(_start, home, _agentOptions);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (await _client.TryStatusAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false) is not null)
            {
                return true;
            }

            // Exit 0 is an agent that lost the race to another one starting at the same moment: keep asking.
            if (process.HasExited && process.ExitCode != 0)
            {
                throw Failed(home, $"the agent exited with code {process.ExitCode} while starting");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw Failed(home, $"the agent did not answer within {StartTimeout.TotalSeconds:0}s");
    }

    private static IChildProcess Spawn(AgentStartCommand start, AgentHome home, IReadOnlyList<string> agentOptions)
    {
        // The agent outlives every run by design: a CLI that itself runs inside a stage must not hand it
        // that stage's tag, or a takeover after that outer run crashed would end the agent with the stage.
        var arguments = start.Arguments.Append("agent").Append("--background").Concat(agentOptions).ToList();
        var launch = new ChildLaunch(start.Program, arguments, home.DataDirectory, [new(StageProcessTag.Variable, null)]);
        try
        {
            var process = ChildLauncher.Start(launch).Process;

            // Pipes we close at once: the agent points its streams at its log (StdioRedirect), never at ours.
            process.StandardInput.Close();
            process.StandardOutput.Close();
            process.StandardError.Close();
            return process;
        }
        catch (Win32Exception ex)
        {
            throw new StagecraftException($"the agent could not be started: {ex.Message}", ExitCodes.StageFailed);
        }
    }

    private static StagecraftException Failed(AgentHome home, string why)
    {
        var tail = File.Exists(home.LogPath) ? File.ReadLines(home.LogPath).TakeLast(15).ToList() : [];
        var shown = tail.Count == 0 ? "its log is empty" : "last lines of its log:" + Environment.NewLine + string.Join(Environment.NewLine, tail.Select(l => "  " + l));
        return new StagecraftException($"{why} ({home.LogPath}); {shown}", ExitCodes.StageFailed);
    }
}
