using System.Runtime.InteropServices;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>Signals and liveness checks for processes the tests started.</summary>
public static partial class Posix
{
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static void Kill(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Signals without failing when the process is already gone.</summary>
    public static bool TryKill(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>Live processes (not this one) whose environment sets <paramref name="name"/> to exactly <paramref name="value"/>.</summary>
    public static List<int> ProcessesWithVariable(string name, string value)
    {
        var wanted = name + "=" + value;
        return [.. Stagecraft.Host.Processes.ProcessEnvironments.OfOtherProcesses().Where(p => p.Variables.Contains(wanted) && IsAlive(p.Pid)).Select(p => p.Pid)];
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (IOException)
        {
            return false;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}
