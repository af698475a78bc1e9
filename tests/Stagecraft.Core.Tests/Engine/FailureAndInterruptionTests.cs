using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Engine;

public sealed class FailureAndInterruptionTests : IDisposable
{
    private const string Project = """
        project: shop
        stages:
          broken: { kind: gate, fail: "exit code 2" }
          consumer: { kind: gate, depends_on: [broken] }
          slow: { kind: gate, hold: true }
          later: { kind: gate }
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static StageReport ReportOf(DeployResult result, string stage) => result.Report.Stages.Single(s => s.Stage == stage);

    [Fact]
    public async Task Failure_skips_dependents_and_starts_nothing_new()
    {
        var result = await _harness.DeployAsync(Project, engine: new EngineOptions { Parallelism = 1 }).Within();

        result.Report.Status.Should().Be(RunStatus.Failed);
        result.Report.ExitCode.Should().Be(ExitCodes.StageFailed);
        ReportOf(result, "broken").Should().Match<StageReport>(r => r.Result == StageResult.Failed && r.Error == "exit code 2");
        ReportOf(result, "consumer").Should().Match<StageReport>(r => r.Result == StageResult.Skipped && r.Reason == "depends on broken, which failed");
        ReportOf(result, "slow").Should().Match<StageReport>(r => r.Result == StageResult.Skipped && r.Reason == "the run stopped after broken failed");
        ReportOf(result, "later").Should().Match<StageReport>(r => r.Result == StageResult.Skipped && r.Reason == "the run stopped after broken failed");
        _harness.Gate.Started.Should().Equal("broken");
    }

    [Fact]
    public async Task Stage_already_running_when_another_fails_finishes()
    {
        var yaml = """
            project: shop
            stages:
              broken: { kind: gate, fail: "exit code 2" }
              slow: { kind: gate, hold: true }
            """;

        var deploy = _harness.DeployAsync(yaml, engine: new EngineOptions { Parallelism = 2 });
        await Task.WhenAll(_harness.Gate.WhenFinished("broken"), _harness.Gate.WhenStarted("slow")).Within();
        _harness.Gate.Release("slow");
        var result = await deploy.Within();

        result.Report.Status.Should().Be(RunStatus.Failed);
        ReportOf(result, "slow").Result.Should().Be(StageResult.Succeeded);
        _harness.State().Stages["slow"].Status.Should().Be(StageStatus.Deployed);
    }

    [Fact]
    public async Task Keep_going_lets_independent_branches_finish()
    {
        // 'later' can only start once 'broken' has failed and freed its slot; 'slow' is released after that.
        var deploy = _harness.DeployAsync(Project, engine: new EngineOptions { Parallelism = 2, KeepGoing = true });
        await _harness.Gate.WhenFinished("later").Within();
        _harness.Gate.Release("slow");
        var result = await deploy.Within();

        result.Report.Status.Should().Be(RunStatus.Failed);
        result.Report.ExitCode.Should().Be(ExitCodes.StageFailed);
        ReportOf(result, "broken").Result.Should().Be(StageResult.Failed);
        ReportOf(result, "consumer").Should().Match<StageReport>(r => r.Result == StageResult.Skipped && r.Reason == "depends on broken, which failed");
        ReportOf(result, "slow").Result.Should().Be(StageResult.Succeeded);
        ReportOf(result, "later").Result.Should().Be(StageResult.Succeeded);
    }

    [Fact]
    public async Task Failure_is_recorded_in_state_and_history()
    {
        var result = await _harness.DeployAsync(Project, engine: new EngineOptions { Parallelism = 1 }).Within();

        var state = _harness.State();
        state.Stages.Keys.Should().Equal("broken");
        state.Stages["broken"].Should().Match<StageRecord>(r => r.Status == StageStatus.Failed && r.LastError == "exit code 2" && !r.EverDeployed);
        state.RunStages(result.Report.RunId).Select(r => (r.Stage, r.Action, r.Result, r.Error ?? r.Reason)).Should().Equal(
            ("broken", StageAction.Create, StageResult.Failed, "exit code 2"),
            ("consumer", StageAction.Create, StageResult.Skipped, "depends on broken, which failed"),
            ("slow", StageAction.Create, StageResult.Skipped, "the run stopped after broken failed"),
            ("later", StageAction.Create, StageResult.Skipped, "the run stopped after broken failed"));
        (await state.ListRunsAsync(10, default)).Single().Status.Should().Be(RunStatus.Failed);
    }

    [Fact]
    public async Task Failed_redeploy_keeps_the_last_good_fingerprint_and_outputs()
    {
        var yaml = """
            project: shop
            stages:
              api: { kind: fake, value: v1, produce: { url: "http://api" } }
            """;
        await _harness.DeployAsync(yaml);
        var good = _harness.State().Stages["api"];

        var result = await _harness.DeployAsync(yaml.Replace("value: v1", "value: v2, fail: boom", StringComparison.Ordinal));

        result.Report.ExitCode.Should().Be(ExitCodes.StageFailed);
        var record = _harness.State().Stages["api"];
        record.Status.Should().Be(StageStatus.Failed);
        record.Fingerprint.Should().Be(good.Fingerprint);
        record.Outputs.Should().Equal(good.Outputs);
        result.Report.Stages.Single().Details.Should().Equal("detail line");
    }

    [Fact]
    public async Task Stage_waiting_for_approval_skips_its_dependents_and_the_run_exits_5()
    {
        _harness.Catalog.Add(new ApprovalKind());
        var yaml = """
            project: shop
            stages:
              init_db: { kind: approval, instructions: "run the initdb lambda" }
              app: { kind: fake, depends_on: [init_db] }
              docs: { kind: fake }
            """;

        var result = await _harness.DeployAsync(yaml);

        result.Report.Status.Should().Be(RunStatus.WaitingForApproval);
        result.Report.ExitCode.Should().Be(ExitCodes.WaitingForApproval);
        ReportOf(result, "init_db").Should().Match<StageReport>(r => r.Result == StageResult.Waiting && r.Reason == "run the initdb lambda");
        ReportOf(result, "app").Should().Match<StageReport>(r => r.Result == StageResult.Skipped && r.Reason == "depends on init_db, which waits for approval");
        ReportOf(result, "docs").Result.Should().Be(StageResult.Succeeded, "independent branches go on");
        _harness.State().Stages["init_db"].Status.Should().Be(StageStatus.Waiting);
        (await _harness.PlanAsync(yaml)).Find("init_db")!.Reasons.Should().Equal("waiting for approval");
    }

    [Fact]
    public async Task Cancellation_interrupts_the_running_stage_and_the_run_exits_130()
    {
        var yaml = """
            project: shop
            stages:
              migrate: { kind: gate, hold: true }
              app: { kind: fake, depends_on: [migrate] }
              docs: { kind: fake }
            """;
        using var cancel = new CancellationTokenSource();

        var deploy = _harness.DeployAsync(yaml, engine: new EngineOptions { Parallelism = 1 }, cancellationToken: cancel.Token);
        await _harness.Gate.WhenStarted("migrate").Within();
        await cancel.CancelAsync();
        var result = await deploy.Within();

        result.Report.Status.Should().Be(RunStatus.Interrupted);
        result.Report.ExitCode.Should().Be(ExitCodes.Interrupted);
        ReportOf(result, "migrate").Should().Match<StageReport>(r => r.Result == StageResult.Interrupted && r.Error == "interrupted");
        ReportOf(result, "app").Result.Should().Be(StageResult.Skipped);
        ReportOf(result, "docs").Should().Match<StageReport>(r => r.Result == StageResult.Skipped && r.Reason == "the run was interrupted");
        _harness.Test.Fake.Applied.Should().BeEmpty();
        _harness.State().Stages["migrate"].Status.Should().Be(StageStatus.Interrupted);
        (await _harness.State().ListRunsAsync(1, default)).Single().Status.Should().Be(RunStatus.Interrupted);
        result.Observer.Events.Should().Contain("finished migrate Interrupted");
    }
}
