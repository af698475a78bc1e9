namespace Stagecraft.Local.Agent;

/// <summary>
/// Where the agent keeps its socket and its data. $STAGECRAFT_AGENT_DIR holds both when set (tests,
/// several agents side by side: data in it, the socket in its run/); otherwise the socket goes to
/// $XDG_RUNTIME_DIR/stagecraft and the data to $XDG_STATE_HOME/stagecraft/agent (~/.local/state/…).
/// </summary>
/// <remarks>
/// The socket's directory is 0700. The data directory is 0711: others may pass through it but not list
/// it, because a hook with 'runas' runs as another user inside a release directory below it. Logs and
/// the desired state stay owner-only.
/// </remarks>
public sealed record AgentHome(string RuntimeDirectory, string DataDirectory)
{
    public const string DirectoryVariable = "STAGECRAFT_AGENT_DIR";

    // sockaddr_un holds 108 bytes including the terminating zero.
    private const int MaxSocketPath = 107;

    public string SocketPath => Path.Combine(RuntimeDirectory, "agent.sock");

    public string LockPath => Path.Combine(RuntimeDirectory, "agent.lock");

    public string LogPath => Path.Combine(DataDirectory, "agent.log");

    public string StatePath => Path.Combine(DataDirectory, "desired-state.json");

    public string ServicesDirectory => Path.Combine(DataDirectory, "services");

    public static AgentHome Resolve(Func<string, string?> environment)
    {
        if (environment(DirectoryVariable) is { Length: > 0 } explicitDirectory)
        {
            var full = Path.GetFullPath(explicitDirectory);
            return new AgentHome(Path.Combine(full, "run"), full);
        }

        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var stateHome = environment("XDG_STATE_HOME") is { Length: > 0 } s ? s : Path.Combine(home, ".local", "state");
        var data = Path.Combine(stateHome, "stagecraft", "agent");
        var runtime = environment("XDG_RUNTIME_DIR") is { Length: > 0 } r ? Path.Combine(r, "stagecraft") : Path.Combine(data, "run");
        return new AgentHome(runtime, data);
    }

    /// <summary>Creates both directories with their modes (tightening existing ones) and checks the socket path fits.</summary>
    public void Prepare()
    {
        if (System.Text.Encoding.UTF8.GetByteCount(SocketPath) > MaxSocketPath)
        {
            throw new StagecraftException($"the agent socket path {SocketPath} is longer than Unix sockets allow ({MaxSocketPath} bytes)",
                ExitCodes.InvalidInput, $"set {DirectoryVariable} to a shorter directory");
        }

        OwnerOnly.SetDirectory(DataDirectory, traversable: true);
        OwnerOnly.SetDirectory(RuntimeDirectory);
    }
}
