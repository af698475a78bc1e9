namespace Stagecraft.Local.Agent.Install;

/// <summary>
/// The systemd user unit that runs the host agent at boot: this stagecraft's own command line, and exactly the
/// variables that decide where a shell of this user finds the agent (its socket, lock and data), so a deploy
/// reaches the unit's agent and never starts a second one beside it.
/// </summary>
public static class AgentUnit
{
    public const string Name = "stagecraft-agent.service";

    /// <summary>Exit code of 'stagecraft agent' when another agent holds the home: not a crash to restart.</summary>
    public const int AlreadyRunningExitCode = 3;

    /// <summary>The variables (in this order) that <see cref="AgentHome.Resolve"/> reads, with the values this shell has.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Environment(Func<string, string?> environment, AgentHome home)
    {
        if (environment(AgentHome.DirectoryVariable) is { Length: > 0 })
        {
            return [new(AgentHome.DirectoryVariable, home.DataDirectory)];
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var name in new[] { "HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR" })
        {
            if (environment(name) is { Length: > 0 } value)
            {
                result.Add(new(name, value));
            }
        }

        return result;
    }

    public static string Text(AgentStartCommand command, IReadOnlyList<KeyValuePair<string, string>> environment, AgentHome home)
    {
        var exec = string.Join(' ', new[] { command.Program }.Concat(command.Arguments).Append("agent").Select(word => Quote(word).Replace("$", "$$", StringComparison.Ordinal)));
        var text = new StringBuilder()
            .Append("# Written by 'stagecraft agent install'; 'stagecraft agent uninstall' removes it.\n")
            .Append("[Unit]\n")
            .Append("Description=Stagecraft host agent (").Append(Escape(home.DataDirectory)).Append(")\n")
            .Append("After=network-online.target\n")
            .Append("Wants=network-online.target\n")
            .Append('\n')
            .Append("[Service]\n")
            .Append("Type=simple\n")
            .Append("ExecStart=").Append(exec).Append('\n');
        foreach (var (name, value) in environment)
        {
            text.Append("Environment=").Append(Quote($"{name}={value}")).Append('\n');
        }

        return text
            .Append("Restart=always\n")
            .Append("RestartSec=2\n")
            .Append("# Another agent already holding this home (one started by hand) is not a crash to retry.\n")
            .Append("RestartPreventExitStatus=").Append(AlreadyRunningExitCode).Append('\n')
            .Append("# SIGTERM to the agent alone: it drains and stops its services itself.\n")
            .Append("KillMode=mixed\n")
            .Append("TimeoutStopSec=120\n")
            .Append('\n')
            .Append("[Install]\n")
            .Append("WantedBy=default.target\n")
            .ToString();
    }

    // systemd unit syntax: double quotes around each word, \ and " escaped, % doubled (no specifiers); ExecStart also doubles $.
    private static string Quote(string word) => "\"" + Escape(word).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Escape(string text) => text.Replace("%", "%%", StringComparison.Ordinal);
}
