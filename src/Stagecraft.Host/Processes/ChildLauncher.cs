namespace Stagecraft.Host.Processes;

/// <summary>How a child is placed: in a session and process group of its own, or in ours.</summary>
internal enum ChildSession
{
    /// <summary>Leads its own session and group, so the group can be stopped whole and a Ctrl-C to us does not reach it.</summary>
    Own,

    /// <summary>Stays in our group (tests of the tree-walking path).</summary>
    Shared,
}

/// <summary>What to start: a resolved program, its arguments (argv[1..]), and changes to our environment (a null value removes one).</summary>
internal sealed record ChildLaunch(
    string Program,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IEnumerable<KeyValuePair<string, string?>> EnvironmentChanges,
    ChildSession Session = ChildSession.Own);

/// <summary>A started child and whether it leads its own process group (then its pid is the group id).</summary>
internal sealed record LaunchedChild(IChildProcess Process, bool OwnGroup);

/// <summary>
/// The one way Stagecraft starts a program (a stage's, an agent instance's, the agent itself): an argv
/// list that no shell ever sees, pipes for its three streams. A child of its own session is spawned with
/// posix_spawn and POSIX_SPAWN_SETSID where the C library has it (<see cref="SessionChild"/>), through
/// util-linux setsid where it does not, and in our group where neither exists (not Linux).
/// </summary>
internal static class ChildLauncher
{
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static LaunchedChild Start(ChildLaunch launch)
    {
        if (launch.Session == ChildSession.Own && SessionSpawn.IsAvailable)
        {
            var environment = SessionChild.Environment(launch.EnvironmentChanges);
            return new(SessionChild.Start(launch.Program, launch.Arguments, environment, launch.WorkingDirectory, Encoding.UTF8), true);
        }

        var setsid = launch.Session == ChildSession.Own ? SetsidWrapper.Path : null;
        return new(DotnetChild.Start(StartInfo(launch, setsid)), setsid is not null);
    }

    private static ProcessStartInfo StartInfo(ChildLaunch launch, string? setsid)
    {
        var info = new ProcessStartInfo
        {
            FileName = setsid ?? launch.Program,
            UseShellExecute = false,
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in (setsid is null ? [] : SetsidWrapper.Prefix(launch.Program)).Concat(launch.Arguments))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in launch.EnvironmentChanges)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        return info;
    }
}
