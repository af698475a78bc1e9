using Stagecraft.Core.Engine;
using Stagecraft.Core.Graph;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Engine;

public sealed class DestroyAndEdgeRunTests : IDisposable
{
    private const string Project = """
        project: shop
        stages:
          common: { kind: fake, produce: { url: "http://common" } }
          web: { kind: fake, value: "${stages.common.outputs.url}", produce: { url: "http://web" } }
          worker: { kind: fake, depends_on: [common] }
          docs: { kind: fake }
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Destroy_runs_consumers_first_and_removes_the_records()
    {
        await _harness.DeployAsync(Project);
        await using var session = await _harness.OpenAsync(Project);
        var snapshot = await session.State.LoadAsync(default);
        var plan = DestroyPlanner.Plan(session.Project, "local", StageGraph.From(session.Project), snapshot, ["common"]);

        var report = await new RunEngine(session, new RecordingObserver(), ScriptedInteraction.NoTerminal, _harness.Host)
            .ExecuteAsync("destroy", plan, snapshot, new EngineOptions { Parallelism = 1 }, default);

        report.Status.Should().Be(RunStatus.Succeeded);
        _harness.Test.Fake.Destroyed.Should().Equal("worker", "web", "common");
        report.Stages.Should().OnlyContain(s => s.Result == StageResult.Destroyed);
        _harness.State().Stages.Keys.Should().Equal("docs");
        _harness.State().RunStages(report.RunId).Select(r => (r.Stage, r.Action, r.Result)).Should().Equal(
            ("worker", StageAction.Destroy, StageResult.Destroyed), ("web", StageAction.Destroy, StageResult.Destroyed), ("common", StageAction.Destroy, StageResult.Destroyed));
    }

    [Fact]
    public async Task Destroy_refuses_a_stage_whose_settings_no_longer_resolve_and_calls_no_driver()
    {
        await _harness.DeployAsync(Project);
        var changed = Project.Replace("value: \"${stages.common.outputs.url}\"", "value: \"${secret:gone}\"", StringComparison.Ordinal);
        await using var session = await _harness.OpenAsync(changed);
        var snapshot = await session.State.LoadAsync(default);
        var plan = DestroyPlanner.Plan(session.Project, "local", StageGraph.From(session.Project), snapshot, ["web"]);

        var report = await new RunEngine(session, new RecordingObserver(), ScriptedInteraction.NoTerminal, _harness.Host)
            .ExecuteAsync("destroy", plan, snapshot, new EngineOptions { Parallelism = 1 }, default);

        report.Status.Should().Be(RunStatus.Failed);
        report.Stages.Single().Error.Should().Contain("gone");
        _harness.Test.Fake.Destroyed.Should().BeEmpty("a destroy must not run with a blank where a value is missing");
        _harness.State().Stages.Keys.Should().Contain("web");
    }

    [Fact]
    public async Task An_input_pattern_made_from_a_secret_is_masked_in_its_error()
    {
        _harness.Test.Local.Secrets["where"] = "private-dir/../elsewhere";

        var act = () => _harness.DeployAsync("""
            project: shop
            stages:
              app: { kind: fake, inputs: ["${secret:where}"] }
            """);

        var error = (await act.Should().ThrowAsync<Stagecraft.Core.Diagnostics.StagecraftException>()).Which.ToString();
        error.Should().Contain("input pattern '****' uses '..'").And.NotContain("private-dir");
    }

    [Fact]
    public async Task Run_with_nothing_to_do_succeeds_and_is_recorded()
    {
        await using var session = await _harness.OpenAsync(Project);
        var snapshot = await session.State.LoadAsync(default);

        var report = await new RunEngine(session, new RecordingObserver(), ScriptedInteraction.NoTerminal, _harness.Host)
            .ExecuteAsync("deploy", new Plan("shop", "local", [], Targeted: true), snapshot, new EngineOptions(), default);

        report.Status.Should().Be(RunStatus.Succeeded);
        report.Stages.Should().BeEmpty();
        (await _harness.State().ListRunsAsync(1, default)).Single().Status.Should().Be(RunStatus.Succeeded);
    }

    [Fact]
    public async Task Run_cancelled_before_it_starts_runs_nothing_and_is_interrupted()
    {
        var result = await _harness.DeployAsync(Project, cancellationToken: new CancellationToken(canceled: true));

        result.Report.Status.Should().Be(RunStatus.Interrupted);
        result.Report.ExitCode.Should().Be(130);
        result.Report.Stages.Should().OnlyContain(s => s.Result == StageResult.Skipped && s.Reason == "the run was interrupted");
        _harness.Test.Fake.Applied.Should().BeEmpty();
        _harness.State().Stages.Should().BeEmpty();
    }

    [Fact]
    public async Task Output_that_carries_a_known_secret_is_stored_as_sensitive()
    {
        _harness.Catalog.Add(new EchoKind());
        _harness.Test.Local.Secrets["token"] = "tok-abcdef-123";

        var result = await _harness.DeployAsync("""
            project: shop
            stages:
              login: { kind: echo, value: "${secret:token}" }
            """);

        result.Report.Status.Should().Be(RunStatus.Succeeded);
        var output = _harness.State().Stages["login"].Outputs["header"];
        output.Sensitive.Should().BeTrue("the kind did not flag it, but it contains a secret the masker knows");
        output.ToString().Should().Be("****");
    }

    /// <summary>Returns a setting inside an output without flagging it sensitive, as a careless driver might.</summary>
    private sealed class EchoKind : StageKind
    {
        public override string Name => "echo";

        public override string Version => "1";

        public override string Summary => "echoes";

        public override KindSchema Schema { get; } = new(new FieldSpec("value", FieldType.String, "text"));

        public override Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken) =>
            Task.FromResult(StageOutcome.Done(new Dictionary<string, OutputValue> { ["header"] = new("Bearer " + context.Settings.String("value")) }));
    }
}
