using System.CommandLine;
using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Local.Agent;
using Stagecraft.Local.Agent.Control;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft agent start: starts the agent in the background unless one runs; it brings back its services.</summary>
internal sealed class AgentStartCommandLine
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("start", "Start the host agent in the background (if none runs); it brings its services back.");
        command.SetAction(async (_, ct) =>
        {
            var launcher = new AgentLauncher(AgentHome.Resolve(cli.Environment), StagecraftCatalog.StartCommand);
            var started = await launcher.EnsureRunningAsync(ct).ConfigureAwait(false);
            var status = await launcher.Client.TryStatusAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            cli.Out.WriteLine($"{(started ? "started" : "already running:")} agent pid {status?.Pid} (socket {launcher.Client.Home.SocketPath})");
            return ExitCodes.Success;
        });
        return command;
    }
}
