namespace Stagecraft.Local.Agent.Install;

/// <summary>
/// 'stagecraft agent install|uninstall': the agent as a systemd user unit, enabled, with lingering on so it
/// starts at boot without a login. Where systemd is not running (a container), the unit is still written and
/// the caller is told how to start the agent at boot instead.
/// </summary>
/// <param name="systemdRuntime">The directory that exists only while systemd runs as init (/run/systemd/system).</param>
public sealed class AgentInstaller(IProcessRunner processes, Func<string, string?> environment, string systemdRuntime = "/run/systemd/system")
{
    private readonly Func<string, string?> _environment = environment;
    private readonly string _systemdRuntime = systemdRuntime;

    public bool SystemdRunning => Directory.Exists(_systemdRuntime);

    /// <summary>~/.config/systemd/user/stagecraft-agent.service (XDG_CONFIG_HOME when set).</summary>
    public string UnitPath
    {
        get
        {
            var home = _environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var config = _environment("XDG_CONFIG_HOME") is { Length: > 0 } c ? c : Path.Combine(home, ".config");
            return Path.Combine(config, "systemd", "user", AgentUnit.Name);
        }
    }

    /// <summary>Writes and enables the unit; returns what to tell the user. Throws when systemd is not running or refuses.</summary>
    public async Task<IReadOnlyList<string>> InstallAsync(AgentStartCommand command, AgentHome home, int? runningAgentPid, CancellationToken ct)
    {
        var text = AgentUnit.Text(command, AgentUnit.Environment(_environment, home), home);
        Directory.CreateDirectory(Path.GetDirectoryName(UnitPath)!);
        await File.WriteAllTextAsync(UnitPath, text, ct).ConfigureAwait(false);
        if (!SystemdRunning)
        {
            var environment = string.Join(' ', AgentUnit.Environment(_environment, home).Select(e => $"{e.Key}={e.Value}"));
            var start = string.Join(' ', new[] { command.Program }.Concat(command.Arguments).Append("agent").Append("start"));
            throw new StagecraftException(
                $"systemd is not running on this machine ({_systemdRuntime} does not exist), so nothing will start the agent at boot; the unit was written to {UnitPath} for a machine where it runs",
                ExitCodes.StageFailed,
                $"start the agent at boot another way, with this environment so deploys find it, e.g. the crontab line: @reboot {environment} {start}");
        }

        await SystemctlAsync(ct, "--user", "daemon-reload").ConfigureAwait(false);
        await SystemctlAsync(ct, "--user", "enable", AgentUnit.Name).ConfigureAwait(false);
        var notes = new List<string> { $"wrote {UnitPath} and enabled it (systemctl --user enable {AgentUnit.Name})" };
        var user = Environment.UserName;
        var linger = await RunAsync(["loginctl", "enable-linger", user], ct).ConfigureAwait(false);
        notes.Add(linger.Succeeded
            ? $"lingering is on for {user}: the agent starts at boot, without a login"
            : $"could not turn lingering on ({linger.Output.Trim()}): until 'loginctl enable-linger {user}' is run (as root), the agent starts only when {user} logs in");
        if (runningAgentPid is { } pid)
        {
            notes.Add($"an agent already runs (pid {pid}): the unit takes over at the next boot, or now with 'stagecraft agent stop && systemctl --user start {AgentUnit.Name}'");
        }
        else
        {
            await SystemctlAsync(ct, "--user", "start", AgentUnit.Name).ConfigureAwait(false);
            notes.Add($"started it: systemctl --user status {AgentUnit.Name}");
        }

        return notes;
    }

    /// <summary>Disables and removes the unit; returns what to tell the user.</summary>
    public async Task<IReadOnlyList<string>> UninstallAsync(CancellationToken ct)
    {
        var notes = new List<string>();
        if (SystemdRunning && File.Exists(UnitPath))
        {
            await SystemctlAsync(ct, "--user", "disable", "--now", AgentUnit.Name).ConfigureAwait(false);
            notes.Add($"disabled and stopped {AgentUnit.Name} (its services stop with it; the next deploy brings them back)");
        }

        if (File.Exists(UnitPath))
        {
            File.Delete(UnitPath);
            notes.Add($"removed {UnitPath}");
            if (SystemdRunning)
            {
                await SystemctlAsync(ct, "--user", "daemon-reload").ConfigureAwait(false);
            }
        }
        else
        {
            notes.Add($"no unit to remove at {UnitPath}");
        }

        return notes;
    }

    private async Task SystemctlAsync(CancellationToken ct, params string[] arguments)
    {
        var result = await RunAsync(["systemctl", .. arguments], ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new StagecraftException($"systemctl {string.Join(' ', arguments)} failed: {result.Output.Trim()}", ExitCodes.StageFailed,
                "a user unit needs a user systemd instance (a login session, or lingering: loginctl enable-linger)");
        }
    }

    private async Task<(bool Succeeded, string Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var output = new System.Text.StringBuilder();
        try
        {
            var result = await processes.RunAsync(new ProcessSpec { Arguments = arguments, Timeout = TimeSpan.FromMinutes(1) },
                line => output.AppendLine(line.Text), ct).ConfigureAwait(false);
            return (result.Succeeded, output.ToString());
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or StagecraftException)
        {
            return (false, ex.Message);
        }
    }
}
