using Stagecraft.Core.Kinds;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Planning;

/// <summary>What '--refresh' does with drift results: drifted → update, gone → create, unrepairable → no-change with what to do.</summary>
public sealed class DriftPlanningTests : IDisposable
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
          docs:
            kind: fake
            value: static
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static PlanOptions With(string stage, DriftResult result) => new() { Drift = new Dictionary<string, DriftResult> { [stage] = result } };

    [Fact]
    public async Task A_drifted_stage_is_an_update_and_its_consumers_wait_for_it()
    {
        (await _harness.DeployAsync(Project)).Report.Status.Should().Be(RunStatus.Succeeded);

        var plan = await _harness.PlanAsync(Project, With("common", DriftResult.Differs("bucket versioning suspended")));

        plan.Find("common")!.Action.Should().Be(StageAction.Update);
        plan.Find("common")!.Reasons.Should().Equal("drifted: bucket versioning suspended");
        plan.Find("web")!.Action.Should().Be(StageAction.Pending);
        plan.Find("docs")!.Action.Should().Be(StageAction.NoChange);
    }

    [Fact]
    public async Task A_gone_stage_is_a_create_and_an_unrepairable_drift_stays_no_change_saying_what_to_do()
    {
        (await _harness.DeployAsync(Project)).Report.Status.Should().Be(RunStatus.Succeeded);

        var gone = await _harness.PlanAsync(Project, With("docs", new DriftResult.Gone("stack docs does not exist")));
        var unrepairable = await _harness.PlanAsync(Project, With("docs", new DriftResult.Drifted(["Bucket modified"], "undo it by hand")));

        gone.Find("docs")!.Action.Should().Be(StageAction.Create);
        gone.Find("docs")!.Reasons.Should().Equal("drifted: stack docs does not exist");
        unrepairable.Find("docs")!.Action.Should().Be(StageAction.NoChange);
        unrepairable.Find("docs")!.Reasons.Should().Equal("drifted: Bucket modified; a redeploy cannot repair this: undo it by hand");
        (await _harness.PlanAsync(Project, With("docs", new DriftResult.InSync()))).HasChanges.Should().BeFalse();
    }

    [Fact]
    public async Task Deploying_the_refreshed_plan_reapplies_the_drifted_stage_and_skips_consumers_whose_inputs_came_out_the_same()
    {
        (await _harness.DeployAsync(Project)).Report.Status.Should().Be(RunStatus.Succeeded);
        var before = _harness.Test.Fake.Applied.Count;

        var result = await _harness.DeployAsync(Project, With("common", new DriftResult.Gone("stack common does not exist")));

        result.Report.Status.Should().Be(RunStatus.Succeeded);
        _harness.Test.Fake.Applied.Skip(before).Select(a => a.Stage).Should().Equal("common");
        var common = result.Report.Stages.Single(s => s.Stage == "common");
        common.Result.Should().Be(StageResult.Succeeded);
        common.Reason.Should().Be("drifted: stack common does not exist");
        result.Report.Stages.Single(s => s.Stage == "web").Reason.Should().Be("inputs unchanged after upstream deploys");
    }
}
