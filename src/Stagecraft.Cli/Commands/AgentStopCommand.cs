using System.Diagnostics;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft agent stop: the agent stops its services and exits; its desired state stays, so the next start brings them back.</summary>
internal sealed class AgentStopCommand
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);

    public static Command Create(CliContext cli)
    {
        var command = new Command("stop", "Stop the host agent and the services it runs (they come back with the next start or deploy).");
        command.SetAction(async (_, ct) =>
        {
            var client = new AgentClient(AgentHome.Resolve(cli.Environment));
            var status = await client.TryStatusAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            if (status is null)
            {
                cli.Out.WriteLine("no agent is running");
                return ExitCodes.Success;
            }

            await client.SendAsync(new AgentRequest { Type = AgentProtocol.Shutdown }, null, ct).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            while (IsAlive(status.Pid) && clock.Elapsed < StopTimeout)
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }

            if (IsAlive(status.Pid))
            {
                throw new StagecraftException($"agent pid {status.Pid} did not exit within {StopTimeout.TotalSeconds:0}s", ExitCodes.StageFailed, $"see its log: {status.DataDirectory}/agent.log");
            }

            cli.Out.WriteLine($"stopped agent pid {status.Pid} and its services");
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool IsAlive(int pid) => new Stagecraft.Host.SystemHostInfo().ProcessStart(pid) is not null;
}
