using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Kinds;
using Stagecraft.Host.Processes;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Kinds.Processes;

// Real processes, signals and /proc: these tests describe Linux behaviour.
[SupportedOSPlatform("linux")]
public sealed class ProcessRunnerTests : IDisposable
{
    private readonly TempDirectory _dir = new("runner");
    private readonly ConcurrentQueue<ProcessLine> _lines = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Lines_reach_the_callback_while_the_program_still_runs()
    {
        var go = _dir.Combine("go");
        var run = Run(Shell($"echo first; while [ ! -f '{go}' ]; do sleep 0.01; done; echo second"));

        await Eventually.TrueAsync(() => Texts().Contains("first"), "the first line");
        run.IsCompleted.Should().BeFalse("the program waits for the go file, so 'first' arrived while it ran");
        File.WriteAllText(go, "");

        var result = await run;
        result.ExitCode.Should().Be(0);
        result.Succeeded.Should().BeTrue();
        Texts().Should().Equal("first", "second");
    }

    [Fact]
    public async Task Standard_error_lines_are_marked_as_such_and_the_exit_code_is_returned()
    {
        var result = await Run(Shell("echo out; echo err >&2; exit 7"));

        result.ExitCode.Should().Be(7);
        result.Succeeded.Should().BeFalse();
        _lines.Should().Contain(new ProcessLine(OutputStream.StandardOutput, "out"));
        _lines.Should().Contain(new ProcessLine(OutputStream.StandardError, "err"));
    }

    [Fact]
    public async Task Standard_input_is_closed_so_a_program_reading_it_does_not_hang()
    {
        var result = await Run(["cat"]);

        result.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Standard_input_text_reaches_the_program_and_is_then_closed()
    {
        var spec = new ProcessSpec { Arguments = ["cat"], WorkingDirectory = _dir.Path, StandardInput = "from stdin\n" };

        var result = await new ProcessRunner().RunAsync(spec, _lines.Enqueue, CancellationToken.None);

        result.ExitCode.Should().Be(0);
        Texts().Should().Contain("from stdin");
    }

    [Fact]
    public async Task Input_the_program_never_reads_does_not_hold_the_run_past_its_timeout()
    {
        // Far more than a pipe holds: the write blocks until the program ends.
        // The program would sleep an hour: ending at all (the guard is a last resort) shows nothing waited for it.
        var spec = new ProcessSpec { Arguments = ["sleep", "3600"], WorkingDirectory = _dir.Path, StandardInput = new string('x', 1 << 20), Timeout = TimeSpan.FromMilliseconds(300) };

        var result = await new ProcessRunner().RunAsync(spec, _lines.Enqueue, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        result.TimedOut.Should().BeTrue();
    }

    [Fact]
    public async Task Environment_overrides_are_added_and_a_null_value_removes_an_inherited_variable()
    {
        var result = await Run(Shell("echo \"added=$ADDED home=${HOME-unset}\""), env: new() { ["ADDED"] = "yes", ["HOME"] = null });

        result.ExitCode.Should().Be(0);
        Texts().Should().Equal("added=yes home=unset");
    }

    [Fact]
    public async Task A_callback_that_throws_fails_the_run_without_blocking_the_program_on_a_full_pipe()
    {
        // 250 KB of output overflows a 64 KB pipe buffer many times: if reading stopped at the first failure, the program would never end.
        var spec = new ProcessSpec { Arguments = Shell("i=0; while [ $i -lt 50000 ]; do echo line; i=$((i+1)); done"), WorkingDirectory = _dir.Path };

        var act = () => new ProcessRunner().RunAsync(spec, _ => throw new IOException("disk full"), CancellationToken.None);

        (await act.Should().ThrowAsync<IOException>()).Which.Message.Should().Be("disk full");
    }

    [Fact]
    public async Task A_program_missing_from_PATH_fails_in_words()
    {
        var act = () => Run(["stagecraft-no-such-program"]);

        (await act.Should().ThrowAsync<StageFailedException>())
            .Which.Message.Should().Be("program 'stagecraft-no-such-program' was not found on PATH");
    }

    [Fact]
    public async Task A_file_without_execute_permission_fails_in_words()
    {
        _dir.Write("bin/tool", "#!/bin/sh\necho hi\n");
        var act = () => Run(["tool"], env: new() { ["PATH"] = _dir.Combine("bin") });

        (await act.Should().ThrowAsync<StageFailedException>())
            .Which.Message.Should().StartWith("program 'tool' is not executable");
    }

    [Fact]
    public async Task A_relative_program_path_is_found_from_the_working_directory()
    {
        var script = _dir.Write("scripts/hello.sh", "#!/bin/sh\necho \"hello $1\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await Run(["./scripts/hello.sh", "there"]);

        result.ExitCode.Should().Be(0);
        Texts().Should().Equal("hello there");
    }

    [Fact]
    public async Task A_sub_second_timeout_stops_a_program_that_runs_too_long()
    {
        // An hour's sleep: the run ending at all (the guard is a last resort) shows the timeout stopped it.
        var result = await Run(["sleep", "3600"], timeout: TimeSpan.FromMilliseconds(300)).WaitAsync(TimeSpan.FromMinutes(2));

        result.TimedOut.Should().BeTrue();
        result.Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task Timeout_sends_SIGTERM_first_so_the_program_can_clean_up()
    {
        var run = Run(Shell("trap 'echo cleaned-up; exit 0' TERM; echo ready; while :; do sleep 0.05; done"), timeout: TimeSpan.FromSeconds(1), time: _time);

        var result = await TimeOutAfterAsync("ready", run);

        result.TimedOut.Should().BeTrue();
        Texts().Should().Contain("cleaned-up");
    }

    [Fact]
    public async Task Timeout_kills_with_SIGKILL_after_the_grace_when_SIGTERM_is_ignored()
    {
        var run = Run(Shell("trap '' TERM; sleep 30 & echo \"grandchild $!\"; while :; do sleep 0.05; done"),
            timeout: TimeSpan.FromSeconds(1), grace: TimeSpan.FromMilliseconds(200), time: _time);

        var result = await TimeOutAfterAsync("grandchild", run);

        result.TimedOut.Should().BeTrue();
        Texts().Should().NotContain(t => t.Contains("cleaned", StringComparison.Ordinal));
        await AssertGoneAsync(ProcessProbe.PidAfter(Texts(), "grandchild"));
    }

    [Fact]
    public async Task Timeout_kills_a_grandchild_whose_parent_already_exited()
    {
        // The middle shell exits at once, so the sleep is an orphan: no tree walk finds it, its process group does.
        var run = Run(Shell("sh -c 'sleep 30 & echo \"orphan $!\"'; sleep 30"), timeout: TimeSpan.FromSeconds(1), time: _time);

        var result = await TimeOutAfterAsync("orphan", run);

        result.TimedOut.Should().BeTrue();
        await AssertGoneAsync(ProcessProbe.PidAfter(Texts(), "orphan"));
    }

    [Fact]
    public async Task Without_process_groups_the_tree_is_walked_and_killed()
    {
        var runner = new ProcessRunner(_time, useProcessGroups: false);
        var spec = new ProcessSpec { Arguments = Shell("sleep 30 & echo \"grandchild $!\"; wait"), WorkingDirectory = _dir.Path, Timeout = TimeSpan.FromSeconds(1) };
        var run = runner.RunAsync(spec, _lines.Enqueue, CancellationToken.None);

        var result = await TimeOutAfterAsync("grandchild", run);

        result.TimedOut.Should().BeTrue();
        await AssertGoneAsync(ProcessProbe.PidAfter(Texts(), "grandchild"));
    }

    [Fact]
    public async Task Cancellation_kills_the_tree_and_throws_OperationCanceledException()
    {
        using var cancel = new CancellationTokenSource();
        var run = Run(Shell("sleep 30 & echo \"grandchild $!\"; wait"), cancellationToken: cancel.Token);
        await Eventually.TrueAsync(() => Texts().Any(t => t.StartsWith("grandchild ", StringComparison.Ordinal)), "the grandchild's pid");
        var grandchild = ProcessProbe.PidAfter(Texts(), "grandchild");
        ProcessProbe.IsRunning(grandchild).Should().BeTrue();

        await cancel.CancelAsync();

        Func<Task> wait = () => run;
        await wait.Should().ThrowAsync<OperationCanceledException>();
        await AssertGoneAsync(grandchild);
    }

    [Fact]
    public async Task A_background_process_holding_the_output_open_does_not_keep_the_run_waiting()
    {
        var pidFile = _dir.Combine("left.pid");
        var runner = new ProcessRunner();
        var spec = new ProcessSpec { Arguments = Shell($"sleep 30 & echo $! > '{pidFile}'"), WorkingDirectory = _dir.Path, OutputDrainTimeout = TimeSpan.FromMilliseconds(200) };

        var result = await runner.RunAsync(spec, _lines.Enqueue, CancellationToken.None);

        result.ExitCode.Should().Be(0);
        result.OutputComplete.Should().BeFalse();
        PosixKill(int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string[] Shell(string script) => ["/bin/sh", "-c", script];

    /// <summary>
    /// Once the program printed <paramref name="label"/> (so it is far enough along), moves the
    /// timeout clock on until the run ends: the timeout fires at a known point, however slow the machine.
    /// </summary>
    private async Task<ProcessResult> TimeOutAfterAsync(string label, Task<ProcessResult> run)
    {
        await Eventually.TrueAsync(() => Texts().Any(t => t.StartsWith(label, StringComparison.Ordinal)), $"'{label}' from the program");
        await Eventually.TrueAsync(
            () =>
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                return run.IsCompleted;
            },
            "the run to time out");
        return await run;
    }

    private static async Task AssertGoneAsync(int pid) =>
        await Eventually.TrueAsync(() => ProcessProbe.IsGone(pid), $"process {pid} to be gone");

    private static void PosixKill(int pid)
    {
        using var kill = Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private List<string> Texts() => _lines.Select(l => l.Text).ToList();

    private Task<ProcessResult> Run(string[] argv, Dictionary<string, string?>? env = null, TimeSpan? timeout = null, TimeSpan? grace = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var spec = new ProcessSpec
        {
            Arguments = argv,
            WorkingDirectory = _dir.Path,
            Environment = env ?? new Dictionary<string, string?>(),
            Timeout = timeout,
            KillGrace = grace ?? TimeSpan.FromSeconds(5),
        };
        return new ProcessRunner(time).RunAsync(spec, _lines.Enqueue, cancellationToken);
    }
}
