using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Secrets;
using Stagecraft.Local.Kinds.Command;
using Stagecraft.Host.Processes;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Kinds.Command;

public sealed class CommandKindTests : IDisposable
{
    private const string Sh = "/bin/sh";
    private readonly TempDirectory _project = new("command");
    private readonly MemoryStageLog _log = new();
    private readonly CommandKind _kind = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task An_argument_with_spaces_semicolons_and_substitutions_stays_one_literal_argument()
    {
        const string tricky = "a b; echo pwned $(id) `id` && rm -rf * | cat > x";
        var context = Builder().List("run", "printf", "[%s]\\n", tricky, "second").Build();

        await _kind.ApplyAsync(context, CancellationToken.None);

        ProgramLines().Should().Equal($"[{tricky}]", "[second]");
        File.Exists(_project.Combine("x")).Should().BeFalse();
    }

    [Fact]
    public async Task Env_is_passed_and_the_rest_of_the_environment_is_inherited()
    {
        var inherited = "STAGECRAFT_TEST_INHERITED_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(inherited, "from-parent");
        try
        {
            var context = Builder()
                .List("run", Sh, "-c", $"echo \"given=$GIVEN inherited=${inherited}\"")
                .Map("env", ("GIVEN", "from stage", false))
                .Build();

            await _kind.ApplyAsync(context, CancellationToken.None);

            ProgramLines().Should().Equal("given=from stage inherited=from-parent");
        }
        finally
        {
            Environment.SetEnvironmentVariable(inherited, null);
        }
    }

    [Fact]
    public async Task Stagecraft_variables_name_the_stage_environment_project_and_stage_directory()
    {
        var builder = Builder();
        var context = builder.List("run", Sh, "-c", "echo \"$STAGECRAFT_STAGE|$STAGECRAFT_ENVIRONMENT|$STAGECRAFT_PROJECT|$STAGECRAFT_STAGE_DIR\"").Build();

        await _kind.ApplyAsync(context, CancellationToken.None);

        ProgramLines().Should().Equal($"step|test|demo|{builder.StageDirectory}");
    }

    [Fact]
    public async Task Runs_in_the_project_directory_by_default_and_in_workdir_when_given()
    {
        Directory.CreateDirectory(_project.Combine("sub", "dir"));

        await _kind.ApplyAsync(Builder().List("run", "pwd").Build(), CancellationToken.None);
        await _kind.ApplyAsync(Builder().List("run", "pwd").Scalar("workdir", "sub/dir").Build(), CancellationToken.None);

        ProgramLines().Should().Equal(_project.Path, _project.Combine("sub", "dir"));
    }

    [Fact]
    public async Task A_workdir_outside_the_project_is_refused_before_anything_runs()
    {
        var context = Builder().List("run", "touch", _project.Combine("ran")).Scalar("workdir", "../elsewhere").Build();

        var failure = await _kind.Invoking(k => k.ApplyAsync(context, CancellationToken.None)).Should().ThrowAsync<StagecraftException>();

        failure.Which.Message.Should().Contain("'../elsewhere' is outside the project directory");
        failure.Which.ExitCode.Should().Be(ExitCodes.InvalidInput);
        File.Exists(_project.Combine("ran")).Should().BeFalse();
    }

    [Fact]
    public async Task Outputs_are_read_from_KEY_VALUE_lines_in_STAGECRAFT_OUTPUT()
    {
        var script = """
            {
              echo '# a comment'
              echo ''
              echo 'URL=http://127.0.0.1:8080/x'
              echo 'EMPTY='
              echo '_with_equals=a=b=c'
              echo 'URL=http://127.0.0.1:9090/later-wins'
            } >> "$STAGECRAFT_OUTPUT"
            """;
        var context = Builder().List("run", Sh, "-c", script).Build();

        var outcome = await _kind.ApplyAsync(context, CancellationToken.None);

        var outputs = outcome.Should().BeOfType<StageOutcome.Completed>().Which.Outputs;
        outputs.ToDictionary(o => o.Key, o => o.Value.Value).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["URL"] = "http://127.0.0.1:9090/later-wins",
            ["EMPTY"] = "",
            ["_with_equals"] = "a=b=c",
        });
        outputs.Values.Should().OnlyContain(v => !v.Sensitive);
        Directory.GetFiles(context.StageDirectory).Should().BeEmpty("the output file is removed after it was read");
    }

    [Fact]
    public async Task A_malformed_output_line_fails_the_stage_naming_its_line_number()
    {
        var context = Builder().List("run", Sh, "-c", "printf 'GOOD=1\\n# fine\\n1BAD=2\\n' > \"$STAGECRAFT_OUTPUT\"").Build();

        var failure = await _kind.Invoking(k => k.ApplyAsync(context, CancellationToken.None)).Should().ThrowAsync<StageFailedException>();

        failure.Which.Message.Should().Be("line 3 of the output file ($STAGECRAFT_OUTPUT) is not KEY=VALUE: '1BAD=2'");
    }

    [Fact]
    public async Task A_non_zero_exit_fails_with_the_code_and_exactly_the_last_20_lines()
    {
        var context = Builder().List("run", Sh, "-c", "i=1; while [ $i -le 30 ]; do echo \"line $i\"; i=$((i+1)); done; exit 3").Build();

        var failure = await _kind.Invoking(k => k.ApplyAsync(context, CancellationToken.None)).Should().ThrowAsync<StageFailedException>();

        failure.Which.Message.Should().Be("'/bin/sh' exited with code 3");
        failure.Which.Details.Should().Equal(Enumerable.Range(11, 20).Select(i => $"line {i}"));
    }

    [Fact]
    public async Task A_missing_program_fails_with_a_clear_message()
    {
        var context = Builder().List("run", "stagecraft-no-such-program", "--flag").Build();

        var failure = await _kind.Invoking(k => k.ApplyAsync(context, CancellationToken.None)).Should().ThrowAsync<StageFailedException>();

        failure.Which.Message.Should().Be("program 'stagecraft-no-such-program' was not found on PATH");
    }

    [Fact]
    public async Task A_timeout_fails_the_stage_saying_so()
    {
        var context = Builder().List("run", "sleep", "30").Scalar("timeout", "300ms").Build();

        var failure = await _kind.Invoking(k => k.ApplyAsync(context, CancellationToken.None)).Should().ThrowAsync<StageFailedException>();

        failure.Which.Message.Should().Be("'sleep' timed out after 300ms and its process tree was killed");
    }

    [Fact]
    public async Task A_timeout_kills_the_process_tree()
    {
        var time = new FakeTimeProvider();
        var kind = new CommandKind(new ProcessRunner(time));
        var context = Builder().List("run", Sh, "-c", "sleep 30 & echo \"grandchild $!\"; wait").Scalar("timeout", "1s").Build();
        var apply = kind.ApplyAsync(context, CancellationToken.None);
        await Eventually.TrueAsync(() => _log.Lines.Any(l => l.StartsWith("grandchild ", StringComparison.Ordinal)), "the grandchild's pid");

        // Moved on only once the grandchild exists, so the timeout fires at a known point however slow the machine.
        await Eventually.TrueAsync(
            () =>
            {
                time.Advance(TimeSpan.FromSeconds(1));
                return apply.IsCompleted;
            },
            "the timeout");

        Func<Task> wait = () => apply;
        (await wait.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().Contain("timed out after 1s");
        var grandchild = ProcessProbe.PidAfter(_log.Lines, "grandchild");
        await Eventually.TrueAsync(() => ProcessProbe.IsGone(grandchild), "the grandchild to be gone");
    }

    [Fact]
    public async Task Cancellation_kills_the_process_tree_and_surfaces_OperationCanceledException()
    {
        using var cancel = new CancellationTokenSource();
        var context = Builder().List("run", Sh, "-c", "sleep 30 & echo \"grandchild $!\"; wait").Build();
        var apply = _kind.ApplyAsync(context, cancel.Token);
        await Eventually.TrueAsync(() => _log.Lines.Any(l => l.StartsWith("grandchild ", StringComparison.Ordinal)), "the grandchild's pid");
        var grandchild = ProcessProbe.PidAfter(_log.Lines, "grandchild");

        await cancel.CancelAsync();

        Func<Task> wait = () => apply;
        await wait.Should().ThrowAsync<OperationCanceledException>();
        await Eventually.TrueAsync(() => ProcessProbe.IsGone(grandchild), "the grandchild to be gone");
    }

    [Fact]
    public async Task A_secret_in_env_reaches_the_program_but_never_the_log_and_outputs_carrying_it_are_sensitive()
    {
        const string secret = "hunter2-very-secret";
        var masker = new SecretMasker();
        var logPath = _project.Combine(".stagecraft", "test", "logs", "1", "step.log");
        StageOutcome outcome;
        List<string> tail;
        using (var log = new StageLogFile(logPath, masker, _ => { }))
        {
            var context = new StageContextBuilder(_project.Path) { Log = log, Masker = masker }
                .List("run", Sh, "-c", "echo \"token is $TOKEN\"; echo \"$TOKEN\" >&2; [ \"$TOKEN\" = 'hunter2-very-secret' ] && echo \"SEEN=$TOKEN\" >> \"$STAGECRAFT_OUTPUT\"; echo 'PLAIN=ok' >> \"$STAGECRAFT_OUTPUT\"")
                .Map("env", ("TOKEN", secret, true))
                .Build();
            outcome = await _kind.ApplyAsync(context, CancellationToken.None);
            tail = log.Tail(50).ToList();
        }

        var outputs = outcome.Should().BeOfType<StageOutcome.Completed>().Which.Outputs;
        outputs["SEEN"].Should().Be(new Core.State.OutputValue(secret, Sensitive: true), "the program got the real value");
        outputs["PLAIN"].Sensitive.Should().BeFalse();
        var written = await File.ReadAllTextAsync(logPath);
        written.Should().NotContain(secret).And.Contain("token is ****");
        tail.Should().NotContain(l => l.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Destroy_runs_the_destroy_argv_with_the_same_settings()
    {
        Directory.CreateDirectory(_project.Combine("work"));
        var context = Builder()
            .List("run", "true")
            .List("destroy", Sh, "-c", "echo \"$REASON\" > destroyed")
            .Map("env", ("REASON", "torn down", false))
            .Scalar("workdir", "work")
            .Build();

        await _kind.DestroyAsync(context, CancellationToken.None);

        File.ReadAllText(_project.Combine("work", "destroyed")).Should().Be("torn down\n");
    }

    [Fact]
    public async Task Destroy_without_a_destroy_argv_runs_nothing_and_says_so()
    {
        var context = Builder().List("run", "touch", _project.Combine("ran")).Build();

        await _kind.DestroyAsync(context, CancellationToken.None);

        File.Exists(_project.Combine("ran")).Should().BeFalse();
        _log.Lines.Should().ContainSingle().Which.Should().Contain("nothing to undo");
    }

    private StageContextBuilder Builder() => new(_project.Path) { Log = _log };

    // Lines the program printed, without the kind's own '$ …' and '# …' lines.
    private List<string> ProgramLines() => _log.Lines.Where(l => !l.StartsWith("$ ", StringComparison.Ordinal) && !l.StartsWith("# ", StringComparison.Ordinal)).ToList();
}
