namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft agent start: starts the agent in the background unless one runs; it brings back its services.</summary>
internal sealed class AgentStartCommandLine
{
    public static Command Create(CliContext cli)
    {
        var metrics = AgentCommand.MetricsOption();
        var command = new Command("start", "Start the host agent in the background (if none runs); it brings its services back.");
        command.Add(metrics);
        command.SetAction(async (result, ct) =>
        {
            var home = AgentHome.Resolve(cli.Environment);
            var metricsAddress = result.GetValue(metrics);
            if (metricsAddress is not null)
            {
                // Checked here too, so a typo is exit 2 at this prompt and not a line in the agent's log.
                AgentSettings.Load(home, metricsAddress);
            }

            var launcher = new AgentLauncher(home, StagecraftCatalog.StartCommand, metricsAddress is null ? null : ["--metrics", metricsAddress]);
            var started = await launcher.EnsureRunningAsync(ct).ConfigureAwait(false);
            var status = await launcher.Client.TryStatusAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            cli.Out.WriteLine($"{(started ? "started" : "already running:")} agent pid {status?.Pid} (socket {launcher.Client.Home.SocketPath})");
            if (!started && metricsAddress is not null)
            {
                cli.Out.WriteLine("--metrics applies when an agent starts: stop this one ('stagecraft agent stop') to change its metrics address");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
