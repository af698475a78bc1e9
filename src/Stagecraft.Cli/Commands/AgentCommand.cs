namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft agent: runs the host agent in the foreground; 'start', 'status' and 'stop' manage a background one.</summary>
internal sealed class AgentCommand
{
    public static Command Create(CliContext cli)
    {
        var background = new Option<bool>("--background")
        {
            Description = "Run detached: standard streams to the agent log (what deploy uses)",
            Hidden = true,
        };
        var metrics = MetricsOption();
        var command = new Command("agent", "Run the host agent in the foreground (deploy starts one in the background when none runs).");
        command.Add(background);
        command.Add(metrics);
        command.SetAction(async (result, ct) =>
            await AgentHost.RunAsync(AgentHome.Resolve(cli.Environment), result.GetValue(background), cli.Error, ct, StagecraftCatalog.Agent,
                result.GetValue(metrics)).ConfigureAwait(false));
        command.Add(AgentStartCommandLine.Create(cli));
        command.Add(AgentStatusCommand.Create(cli));
        command.Add(AgentStopCommand.Create(cli));
        command.Add(AgentInstallCommand.CreateInstall(cli));
        command.Add(AgentInstallCommand.CreateUninstall(cli));
        return command;
    }

    /// <summary>--metrics ADDR|off: where the agent serves Prometheus metrics (default: agent.yml's 'metrics', else 127.0.0.1:9464).</summary>
    public static Option<string?> MetricsOption() => new("--metrics")
    {
        Description = "Serve Prometheus metrics on ADDRESS:PORT, or 'off' (default: 'metrics' in the agent's agent.yml, else 127.0.0.1:9464)",
        HelpName = "ADDR",
    };
}
