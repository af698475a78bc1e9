using System.Runtime.InteropServices;

namespace Stagecraft.Host.Processes;

/// <summary>
/// posix_spawn with POSIX_SPAWN_SETSID (glibc 2.26, musl 1.1.24): the child leads a new session and
/// process group from its first instruction, without exec'ing setsid first (an extra program load per
/// stage, as much work for the machine as a short stage's own program).
/// </summary>
internal static unsafe partial class SessionSpawn
{
    private const int CloseOnExec = 0x80000;
    private const short SetSignalDefaults = 0x04;
    private const short SetSignalMask = 0x08;
    private const short SetSession = 0x80;
    private const int Interrupted = 4;

    // Generous upper bounds of glibc's and musl's opaque structures (336, 80 and 128 bytes on 64-bit glibc).
    private const int AttributesSize = 1024;
    private const int FileActionsSize = 1024;
    private const int SignalSetSize = 256;

    private static readonly Lazy<bool> Supported = new(() =>
        OperatingSystem.IsLinux()
        && NativeLibrary.TryLoad("libc.so.6", out var libc)
        && NativeLibrary.TryGetExport(libc, "posix_spawn_file_actions_addchdir_np", out _));

    /// <summary>True on Linux with a C library that can change directory inside posix_spawn.</summary>
    public static bool IsAvailable => Supported.Value;

    /// <summary>Starts <paramref name="program"/> with its standard streams on the given descriptors; returns its pid, or the error number.</summary>
    public static int Start(string program, IReadOnlyList<string> argv, IReadOnlyList<string> environment, string workingDirectory, int stdin, int stdout, int stderr, out int pid)
    {
        var attributes = NativeMemory.AllocZeroed(AttributesSize);
        var actions = NativeMemory.AllocZeroed(FileActionsSize);
        var emptySet = NativeMemory.AllocZeroed(SignalSetSize);
        var fullSet = NativeMemory.AllocZeroed(SignalSetSize);
        var strings = new List<nint>();
        try
        {
            var status = AttrInit(attributes);
            if (status != 0)
            {
                pid = -1;
                return status;
            }

            FileActionsInit(actions);
            SigEmptySet(emptySet);
            SigFillSet(fullSet);

            // Every signal back to its default and none blocked, as for a program started from a fresh shell
            // (this process ignores SIGPIPE, which a child must not inherit).
            AttrSetFlags(attributes, SetSession | SetSignalDefaults | SetSignalMask);
            AttrSetSigMask(attributes, emptySet);
            AttrSetSigDefault(attributes, fullSet);
            FileActionsAddDup2(actions, stdin, 0);
            FileActionsAddDup2(actions, stdout, 1);
            FileActionsAddDup2(actions, stderr, 2);
            FileActionsAddChdir(actions, workingDirectory);

            var path = Utf8(program, strings);
            var args = Array(argv, strings);
            var env = Array(environment, strings);
            int child;
            status = PosixSpawn(&child, (byte*)path, actions, attributes, (byte**)args, (byte**)env);
            pid = status == 0 ? child : -1;
            return status;
        }
        finally
        {
            FileActionsDestroy(actions);
            AttrDestroy(attributes);
            foreach (var pointer in strings)
            {
                Marshal.FreeCoTaskMem(pointer);
            }

            NativeMemory.Free(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(emptySet);
            NativeMemory.Free(fullSet);
        }
    }

    /// <summary>A pipe whose two ends close on exec (the child gets copies on 0, 1 and 2 only).</summary>
    public static (int Read, int Write) Pipe()
    {
        var fds = stackalloc int[2];
        if (Pipe2(fds, CloseOnExec) != 0)
        {
            throw new IOException($"pipe2 failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (fds[0], fds[1]);
    }

    public static void CloseDescriptor(int fd) => Close(fd);

    /// <summary>Blocks until the child ends and reaps it; its exit code (128 + the signal that ended it), or null when it cannot be waited for.</summary>
    public static int? WaitForExit(int pid)
    {
        int status;
        while (true)
        {
            if (WaitPid(pid, &status, 0) == pid)
            {
                var signal = status & 0x7f;
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
            }

            if (Marshal.GetLastPInvokeError() != Interrupted)
            {
                return null;
            }
        }
    }

    private static nint Utf8(string text, List<nint> strings)
    {
        var pointer = Marshal.StringToCoTaskMemUTF8(text);
        strings.Add(pointer);
        return pointer;
    }

    private static nint Array(IReadOnlyList<string> items, List<nint> strings)
    {
        var array = Marshal.AllocCoTaskMem((items.Count + 1) * sizeof(nint));
        strings.Add(array);
        var slots = (nint*)array;
        for (var i = 0; i < items.Count; i++)
        {
            slots[i] = Utf8(items[i], strings);
        }

        slots[items.Count] = 0;
        return array;
    }

    [LibraryImport("libc", EntryPoint = "posix_spawn")]
    private static partial int PosixSpawn(int* pid, byte* path, void* actions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int AttrInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int AttrDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int AttrSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int AttrSetSigMask(void* attributes, void* set);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int AttrSetSigDefault(void* attributes, void* set);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int FileActionsAddDup2(void* actions, int fd, int newFd);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileActionsAddChdir(void* actions, string path);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static partial int SigEmptySet(void* set);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    private static partial int SigFillSet(void* set);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, int* status, int options);
}
