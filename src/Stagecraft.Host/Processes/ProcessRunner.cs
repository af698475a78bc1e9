using System.ComponentModel;

namespace Stagecraft.Host.Processes;

/// <summary>
/// Runs a stage's programs from an argv list (started by <see cref="ChildLauncher"/>): no shell ever
/// sees a value, so spaces, ';' and '$(…)' stay literal. Standard input gets <see cref="ProcessSpec.StandardInput"/> and is then closed (a program that
/// asks a question gets end-of-file instead of hanging the run). On Linux each child leads its own
/// session and process group (see <see cref="ProcessTree"/>) so a timeout or Ctrl-C stops everything it
/// started; while it runs it is in the state's process ledger and carries the stage's tag.
/// </summary>
/// <param name="time">Clock for <see cref="ProcessSpec.Timeout"/> (tests drive it); grace and drain waits are real time.</param>
/// <param name="useProcessGroups">False walks and kills the tree instead of signalling a group (for tests of that path).</param>
public sealed class ProcessRunner(TimeProvider? time = null, bool useProcessGroups = true) : IProcessRunner
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ChildSession _session = useProcessGroups ? ChildSession.Own : ChildSession.Shared;

    public static ProcessRunner Default { get; } = new();

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, Action<ProcessLine> onLine, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var scope = StageScope.Current;
        var (process, ownGroup) = Start(spec, scope);
        using var started = process;
        var clock = Stopwatch.StartNew();
        var tree = new ProcessTree(process, ownGroup);
        var sink = new LineSink(onLine);
        var readers = Task.WhenAll(Pump(process.StandardOutput, OutputStream.StandardOutput, sink), Pump(process.StandardError, OutputStream.StandardError, sink));
        StageProcess? recorded = null;
        try
        {
            // Recorded while it runs, so a run taking over after a crash of this CLI can end it.
            recorded = await StageProcessLedgerEntry.RecordAsync(scope, process.Id, ownGroup, cancellationToken).ConfigureAwait(false);

            // Written while the timeout runs: a program that never reads its input must not hold the run past it.
            var input = WriteInputAsync(process.StandardInput, spec.StandardInput);
            var stopped = await WaitAsync(process, spec.Timeout, cancellationToken).ConfigureAwait(false);
            if (stopped)
            {
                await tree.StopAsync(spec.KillGrace).ConfigureAwait(false);
            }

            await FinishInputAsync(input, spec.OutputDrainTimeout).ConfigureAwait(false);

            var complete = await DrainAsync(readers, sink, spec.OutputDrainTimeout).ConfigureAwait(false);
            sink.ThrowIfFailed();

            // A program that finished before the cancellation arrived did its work: report it as it ended.
            if (stopped)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            return new ProcessResult(process.HasExited ? process.ExitCode : -1, stopped, clock.Elapsed, complete);
        }
        catch (Exception) when (!process.HasExited)
        {
            // Whatever went wrong here (a log that cannot be written), the child must not outlive the run.
            await tree.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await StageProcessLedgerEntry.ForgetAsync(scope, recorded).ConfigureAwait(false);
        }
    }

    private LaunchedChild Start(ProcessSpec spec, StageScope? scope)
    {
        if (spec.Arguments.Count == 0)
        {
            throw new StageFailedException("no program to run: the argv is empty");
        }

        var (program, workingDirectory) = Resolve(spec);
        try
        {
            return ChildLauncher.Start(new ChildLaunch(program, spec.Arguments.Skip(1).ToList(), workingDirectory, Overrides(spec, scope), _session));
        }
        catch (Win32Exception ex)
        {
            throw new StageFailedException($"could not start '{spec.Program}': {ex.Message}", inner: ex);
        }
    }

    private static (string Program, string WorkingDirectory) Resolve(ProcessSpec spec)
    {
        var workingDirectory = spec.WorkingDirectory ?? Directory.GetCurrentDirectory();
        if (!Directory.Exists(workingDirectory))
        {
            throw new StageFailedException($"working directory '{workingDirectory}' does not exist");
        }

        var path = spec.Environment.TryGetValue("PATH", out var overridden) ? overridden : System.Environment.GetEnvironmentVariable("PATH");
        return (ExecutableResolver.Resolve(spec.Program, path, workingDirectory), workingDirectory);
    }

    // The spec's variables (null removes one) and the stage's tag, applied over this process's environment.
    private static IEnumerable<KeyValuePair<string, string?>> Overrides(ProcessSpec spec, StageScope? scope)
    {
        foreach (var variable in spec.Environment)
        {
            yield return variable;
        }

        if (scope is not null)
        {
            yield return new(StageProcessTag.Variable, StageProcessTag.Value(scope));
        }
    }

    // Once the program has ended its end of the pipe is closed and the write fails at once; only a
    // leftover process that inherited standard input and never reads could hold it, and that is not waited for.
    private static async Task FinishInputAsync(Task input, TimeSpan limit)
    {
        try
        {
            await input.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    private static async Task WriteInputAsync(StreamWriter input, string? text)
    {
        try
        {
            if (text is not null)
            {
                await input.WriteAsync(text).ConfigureAwait(false);
                await input.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The program exited without reading its input; its exit code says what happened.
        }
        finally
        {
            try
            {
                input.Close();
            }
            catch (IOException)
            {
                // Same: nothing is reading any more.
            }
        }
    }

    /// <summary>True when the run must be stopped (timeout or cancellation), false when the program exited.</summary>
    private async Task<bool> WaitAsync(IChildProcess process, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var timer = timeout is { } limit ? new CancellationTokenSource(limit, _time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return true;
        }
    }

    // Dedicated threads: a pipe held open by a leftover process can block a read for as long as it lives.
    private static Task Pump(StreamReader reader, OutputStream stream, LineSink sink) =>
        Task.Factory.StartNew(
            () =>
            {
                while (reader.ReadLine() is { } line)
                {
                    sink.Write(new ProcessLine(stream, line));
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private static async Task<bool> DrainAsync(Task readers, LineSink sink, TimeSpan limit)
    {
        try
        {
            await readers.WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            sink.Close();
            return false;
        }
    }
}
