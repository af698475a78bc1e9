using System.ComponentModel;
using Stagecraft.Host;

namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// One run of an instance's program: started as the leader of its own process group (<see cref="ChildLauncher"/>), its
/// output copied line by line into the instance log, stopped as a whole group.
/// </summary>
internal sealed class InstanceProcess : IDisposable
{
    private static readonly SystemHostInfo HostInfo = new();
    private readonly IChildProcess _process;
    private readonly bool _ownGroup;

    private InstanceProcess(IChildProcess process, bool ownGroup, Task<int> exited)
    {
        _process = process;
        _ownGroup = ownGroup;
        Exited = exited;
        Pid = process.Id;
        StartTime = HostInfo.ProcessStart(process.Id);
    }

    public int Pid { get; }

    /// <summary>Kernel start time of the process, to tell it from a later one with the same pid.</summary>
    public long? StartTime { get; }

    /// <summary>Completes with the exit code (128 + signal when a signal ended it) once the process and its output are done.</summary>
    public Task<int> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>Starts the program; a program that cannot be found or started throws <see cref="InstanceStartException"/>.</summary>
    public static InstanceProcess Start(InstanceLaunch launch, RotatingLog log)
    {
        string program;
        try
        {
            var path = launch.Environment.TryGetValue("PATH", out var overridden) ? overridden : Environment.GetEnvironmentVariable("PATH");
            program = ExecutableResolver.Resolve(launch.Arguments[0], path, launch.WorkingDirectory);
        }
        catch (Core.Kinds.StageFailedException ex)
        {
            throw new InstanceStartException(ex.Message + (ex.Hint is null ? "" : $" ({ex.Hint})"));
        }

        LaunchedChild started;
        try
        {
            var changes = launch.Environment.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value));
            started = ChildLauncher.Start(new ChildLaunch(program, launch.Arguments.Skip(1).ToList(), launch.WorkingDirectory, changes));
        }
        catch (Win32Exception ex)
        {
            throw new InstanceStartException($"could not start '{launch.Arguments[0]}': {ex.Message}");
        }

        var process = started.Process;
        process.StandardInput.Close();
        var output = Pump(process.StandardOutput, log, "out");
        var errors = Pump(process.StandardError, log, "err");
        var exited = WaitAsync(process, started.OwnGroup, output, errors);
        return new InstanceProcess(process, started.OwnGroup, exited);
    }

    /// <summary>SIGTERM to the group, SIGKILL after <paramref name="stopTimeout"/>; returns once the group is gone.</summary>
    /// <returns>False when the process was still not reaped 10 s after the kill: the caller logs it rather than failing on it.</returns>
    public async Task<bool> StopAsync(TimeSpan stopTimeout)
    {
        if (!_process.HasExited || (_ownGroup && ProcessGroupProbe.HasLiveMembers(Pid)))
        {
            await new ProcessTree(_process, _ownGroup).StopAsync(stopTimeout).ConfigureAwait(false);
        }

        // Not WaitAsync(timeout): its TimeoutException would replace whatever failure made the caller stop this process.
        await Task.WhenAny(Exited, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        return Exited.IsCompleted;
    }

    /// <summary>Releases the process handle once it has ended; Pid, StartTime and Exited stay readable.</summary>
    public void Dispose()
    {
        // Disposing while the exit wait still reads ExitCode would fault Exited.
        if (Exited.IsCompleted)
        {
            _process.Dispose();
        }
    }

    private static async Task<int> WaitAsync(IChildProcess process, bool ownGroup, Task output, Task errors)
    {
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var code = process.ExitCode;

        // What the program left running in its group would hold its port or pipes: it goes with it.
        if (ownGroup && ProcessGroupProbe.HasLiveMembers(process.Id))
        {
            PosixNative.Signal(-process.Id, PosixNative.SigKill);
        }

        await Task.WhenAll(output, errors).WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        return code;
    }

    private static async Task Pump(StreamReader reader, RotatingLog log, string source)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                log.Write(line, source);
            }
        }
        catch (IOException)
        {
            // The pipe broke with the process; nothing more to read.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while reading.
        }
    }
}
