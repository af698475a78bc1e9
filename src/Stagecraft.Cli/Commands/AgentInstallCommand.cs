using Stagecraft.Local.Agent.Install;
using Stagecraft.Host.Processes;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft agent install|uninstall: the agent as a systemd user unit that survives a reboot.</summary>
internal sealed class AgentInstallCommand
{
    public static Command CreateInstall(CliContext cli)
    {
        var command = new Command("install", "Run the host agent at boot: write and enable a systemd user unit (same data directory and socket as this shell).");
        command.SetAction(async (_, ct) =>
        {
            var home = AgentHome.Resolve(cli.Environment);
            var start = StagecraftCatalog.StartCommand
                ?? throw new StagecraftException("cannot tell how this stagecraft was started", ExitCodes.StageFailed, "run the installed stagecraft");
            var status = await new AgentClient(home).TryStatusAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            var notes = await Installer(cli).InstallAsync(start, home, status?.Pid, ct).ConfigureAwait(false);
            foreach (var note in notes)
            {
                cli.Out.WriteLine(note);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateUninstall(CliContext cli)
    {
        var command = new Command("uninstall", "Remove the systemd unit 'agent install' wrote (disabling and stopping it).");
        command.SetAction(async (_, ct) =>
        {
            foreach (var note in await Installer(cli).UninstallAsync(ct).ConfigureAwait(false))
            {
                cli.Out.WriteLine(note);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static AgentInstaller Installer(CliContext cli) => new(ProcessRunner.Default, cli.Environment);
}
