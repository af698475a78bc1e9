using Stagecraft.Core.Engine;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Engine;

public sealed class ImpactPruningTests : IDisposable
{
    private const string Project = """
        project: shop
        stages:
          common:
            kind: fake
            value: v1
            produce: { url: "http://common" }
          web:
            kind: fake
            value: "${stages.common.outputs.url}/web"
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private List<string> AppliedSince(int count) => _harness.Test.Fake.AppliedStages.Skip(count).ToList();

    private static StageReport ReportOf(DeployResult result, string stage) => result.Report.Stages.Single(s => s.Stage == stage);

    [Fact]
    public async Task Consumer_is_skipped_when_upstream_outputs_are_unchanged()
    {
        await _harness.DeployAsync(Project);
        var before = _harness.Test.Fake.Applied.Count;

        var result = await _harness.DeployAsync(Project.Replace("value: v1", "value: v2", StringComparison.Ordinal));

        result.Plan.Find("web")!.Action.Should().Be(StageAction.Pending);
        AppliedSince(before).Should().Equal("common");
        ReportOf(result, "web").Should().Match<StageReport>(r =>
            r.Result == StageResult.Unchanged && r.Action == StageAction.NoChange && r.Reason == "inputs unchanged after upstream deploys");
        result.Report.Status.Should().Be(RunStatus.Succeeded);
        result.Report.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Consumer_is_applied_when_upstream_outputs_changed()
    {
        await _harness.DeployAsync(Project);
        var before = _harness.Test.Fake.Applied.Count;

        var result = await _harness.DeployAsync(Project.Replace("http://common", "http://common-2", StringComparison.Ordinal));

        AppliedSince(before).Should().Equal("common", "web");
        _harness.Test.Fake.Applied.Last().Settings.String("value").Should().Be("http://common-2/web");
        ReportOf(result, "web").Should().Match<StageReport>(r => r.Result == StageResult.Succeeded && r.Action == StageAction.Update
            && r.Reason == "output url of common changed: 'http://common' -> 'http://common-2'");
    }

    [Fact]
    public async Task Consumer_linked_by_depends_on_is_not_applied_when_upstream_redeploys()
    {
        var yaml = """
            project: shop
            stages:
              common: { kind: fake, value: v1 }
              after: { kind: fake, depends_on: [common] }
            """;
        await _harness.DeployAsync(yaml);
        var before = _harness.Test.Fake.Applied.Count;

        var result = await _harness.DeployAsync(yaml.Replace("v1", "v2", StringComparison.Ordinal));

        AppliedSince(before).Should().Equal("common");
        ReportOf(result, "after").Result.Should().Be(StageResult.Unchanged);
    }

    [Fact]
    public async Task Changing_a_variable_reapplies_its_readers_and_the_consumers_of_outputs_that_changed()
    {
        var yaml = """
            project: shop
            variables: { port: "8080", other: x }
            stages:
              config:
                kind: fake
                value: "${var.port}"
                produce: { endpoint: "http://localhost:${var.port}" }
              api:
                kind: fake
                value: "${stages.config.outputs.endpoint}"
              metrics:
                kind: fake
                value: "${var.port}"
                produce: { name: metrics }
              dashboard:
                kind: fake
                value: "${stages.metrics.outputs.name}"
              docs:
                kind: fake
                value: "${var.other}"
              tail:
                kind: fake
                depends_on: [api, dashboard]
            """;
        await _harness.DeployAsync(yaml);
        var before = _harness.Test.Fake.Applied.Count;

        var result = await _harness.DeployAsync(yaml.Replace("port: \"8080\"", "port: \"8081\"", StringComparison.Ordinal));

        AppliedSince(before).Should().BeEquivalentTo("config", "api", "metrics");
        result.Report.Stages.Where(s => s.Result == StageResult.Unchanged).Select(s => s.Stage).Should().BeEquivalentTo("dashboard", "docs", "tail");
        ReportOf(result, "config").Reason.Should().Be("variable port changed: '8080' -> '8081'");
    }

    [Fact]
    public async Task Unchanged_run_calls_no_driver_and_records_every_stage_as_unchanged()
    {
        await _harness.DeployAsync(Project);
        var before = _harness.Test.Fake.Applied.Count;

        var result = await _harness.DeployAsync(Project);

        AppliedSince(before).Should().BeEmpty();
        _harness.State().RunStages(result.Report.RunId).Select(r => (r.Stage, r.Action, r.Result)).Should().BeEquivalentTo(new[]
        {
            ("common", StageAction.NoChange, StageResult.Unchanged),
            ("web", StageAction.NoChange, StageResult.Unchanged),
        });
    }

    [Fact]
    public async Task Forced_stage_is_applied_although_nothing_changed()
    {
        await _harness.DeployAsync(Project);
        var before = _harness.Test.Fake.Applied.Count;

        var result = await _harness.DeployAsync(Project, new PlanOptions { Force = ["common"] });

        AppliedSince(before).Should().Equal("common");
        ReportOf(result, "common").Reason.Should().Be("forced with --force");
        ReportOf(result, "web").Result.Should().Be(StageResult.Unchanged);
    }

    [Fact]
    public async Task Stage_forced_in_the_plan_is_applied_without_repeating_it_in_the_engine_options()
    {
        await _harness.DeployAsync(Project);
        var before = _harness.Test.Fake.Applied.Count;

        var result = await _harness.DeployAsync(Project, new PlanOptions { Force = ["common"] }, new EngineOptions());

        result.Plan.Find("common")!.Action.Should().Be(StageAction.Update);
        AppliedSince(before).Should().Equal("common");
        ReportOf(result, "common").Result.Should().Be(StageResult.Succeeded);
    }
}
