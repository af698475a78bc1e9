using System.Runtime.InteropServices;

namespace Stagecraft.Host.Processes;

/// <summary>The few libc calls .NET does not expose: signalling a process group, and exec permission.</summary>
internal static partial class PosixNative
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const int ExecuteOk = 1;
    private const int WriteOk = 2;

    public static bool IsAvailable => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Sends a signal; a negative id means the process group with that id. False when no such process or group.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>The process group of a process, or -1 when it does not exist.</summary>
    public static int ProcessGroupOf(int pid) => GetProcessGroup(pid);

    /// <summary>Whether this (effective) user may execute the file, as execve would decide.</summary>
    public static bool CanExecute(string path) => Access(path, ExecuteOk) == 0;

    /// <summary>Whether this (effective) user may write the file or directory; false on a read-only mount, even for root.</summary>
    public static bool CanWrite(string path) => Access(path, WriteOk) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    private static partial int GetProcessGroup(int pid);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);
}
