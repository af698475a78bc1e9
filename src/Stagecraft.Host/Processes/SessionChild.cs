using System.Collections;
using System.ComponentModel;
using Microsoft.Win32.SafeHandles;

namespace Stagecraft.Host.Processes;

/// <summary>
/// A child started by <see cref="SessionSpawn"/> as the leader of its own session and process group, with
/// what <see cref="System.Diagnostics.Process"/> would give it: pipes for its three streams, its exit code,
/// and reaping (a dedicated thread waits for it, so no zombie is left).
/// </summary>
internal sealed class SessionChild : IChildProcess
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SessionChild(int pid, StreamWriter input, StreamReader output, StreamReader error)
    {
        Id = pid;
        StandardInput = input;
        StandardOutput = output;
        StandardError = error;
        var reaper = new Thread(Reap, 128 * 1024) { IsBackground = true, Name = "stage child " + pid.ToString(CultureInfo.InvariantCulture) };
        reaper.Start();
    }

    public int Id { get; }

    public StreamWriter StandardInput { get; }

    public StreamReader StandardOutput { get; }

    public StreamReader StandardError { get; }

    public bool HasExited => _exit.Task.IsCompleted;

    public int ExitCode => _exit.Task.IsCompleted ? _exit.Task.Result : throw new InvalidOperationException("the process has not exited");

    /// <summary>Starts <paramref name="program"/> (a resolved path); <paramref name="environment"/> is the whole environment it gets.</summary>
    public static SessionChild Start(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory, Encoding outputEncoding)
    {
        var input = SessionSpawn.Pipe();
        var output = SessionSpawn.Pipe();
        var error = SessionSpawn.Pipe();
        int status;
        int pid;
        try
        {
            var argv = new List<string>(arguments.Count + 1) { program };
            argv.AddRange(arguments);
            var envp = environment.Select(e => e.Key + "=" + e.Value).ToList();
            status = SessionSpawn.Start(program, argv, envp, workingDirectory, input.Read, output.Write, error.Write, out pid);
        }
        finally
        {
            // The child has its copies (or none was made): the ends it uses are no longer ours to hold.
            SessionSpawn.CloseDescriptor(input.Read);
            SessionSpawn.CloseDescriptor(output.Write);
            SessionSpawn.CloseDescriptor(error.Write);
        }

        if (status != 0)
        {
            SessionSpawn.CloseDescriptor(input.Write);
            SessionSpawn.CloseDescriptor(output.Read);
            SessionSpawn.CloseDescriptor(error.Read);
            throw new Win32Exception(status);
        }

        var writer = new StreamWriter(Stream(input.Write, FileAccess.Write), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        return new SessionChild(pid, writer, new StreamReader(Stream(output.Read, FileAccess.Read), outputEncoding, true), new StreamReader(Stream(error.Read, FileAccess.Read), outputEncoding, true));
    }

    /// <summary>This process's environment with <paramref name="overrides"/> applied (a null value removes the variable).</summary>
    public static Dictionary<string, string> Environment(IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                environment.Remove(name);
            }
            else
            {
                environment[name] = value;
            }
        }

        return environment;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _exit.Task.WaitAsync(cancellationToken);

    public void KillTree()
    {
        // Once reaped its pid may be another process's: then only the group signal (by the caller) is safe.
        if (HasExited)
        {
            return;
        }

        foreach (var pid in Descendants(Id).Prepend(Id))
        {
            PosixNative.Signal(pid, PosixNative.SigKill);
        }
    }

    public void Dispose()
    {
        StandardInput.Dispose();
        StandardOutput.Dispose();
        StandardError.Dispose();
    }

    private static FileStream Stream(int fd, FileAccess access) => new(new SafeFileHandle(fd, ownsHandle: true), access, bufferSize: 0);

    // The exit code as a shell reports it; -1 if another waiter reaped it first (a parent that ignores SIGCHLD).
    private void Reap() => _exit.TrySetResult(SessionSpawn.WaitForExit(Id) ?? -1);

    // Processes whose parent chain leads to the child, from /proc (the ones still attached to it).
    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (!parents.TryGetValue(parent, out var children))
                {
                    parents[parent] = children = [];
                }

                children.Add(pid);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
            {
                // Gone meanwhile.
            }
        }

        var found = new List<int>();
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var next))
        {
            foreach (var child in parents.GetValueOrDefault(next, []))
            {
                found.Add(child);
                pending.Push(child);
            }
        }

        return found;
    }
}
