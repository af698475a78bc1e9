using System.Runtime.InteropServices;

namespace Stagecraft.Local.Agent;

/// <summary>
/// Points a background agent's standard streams at /dev/null and its log file, so it holds nothing of
/// the CLI that started it (a CLI's caller waiting for end-of-output must not wait for the agent).
/// </summary>
internal static partial class StdioRedirect
{
    public static void ToLog(string logPath)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Read);
        using var log = OwnerOnly.Open(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        Dup(devNull.DangerousGetHandle(), 0);
        Dup(log.SafeFileHandle.DangerousGetHandle(), 1);
        Dup(log.SafeFileHandle.DangerousGetHandle(), 2);
    }

    private static void Dup(IntPtr from, int to)
    {
        if (Dup2((int)from, to) < 0)
        {
            throw new IOException($"dup2 to fd {to} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int oldFd, int newFd);
}
