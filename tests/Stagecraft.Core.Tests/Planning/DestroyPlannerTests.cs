using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Graph;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Planning;

public sealed class DestroyPlannerTests : IDisposable
{
    private const string Project = """
        project: shop
        stages:
          common: { kind: fake, produce: { url: "http://common" } }
          web: { kind: fake, value: "${stages.common.outputs.url}", produce: { url: "http://web" } }
          worker: { kind: fake, depends_on: [common] }
          smoke: { kind: fake, value: "${stages.web.outputs.url}" }
          docs: { kind: fake }
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private async Task<Plan> PlanAsync(params string[] targets)
    {
        (await _harness.DeployAsync(Project)).Report.Status.Should().Be(RunStatus.Succeeded);
        var project = _harness.Parse(Project);
        var snapshot = await _harness.State().LoadAsync(default);
        return DestroyPlanner.Plan(project, "local", StageGraph.From(project), snapshot, targets);
    }

    [Fact]
    public async Task Destroying_everything_goes_in_reverse_dependency_order()
    {
        var plan = await PlanAsync();

        plan.Stages.Select(s => s.Name).Should().Equal("docs", "smoke", "worker", "web", "common");
        plan.Stages.Should().OnlyContain(s => s.Action == StageAction.Destroy && s.Reasons.Single() == "destroy requested");
    }

    [Fact]
    public async Task Destroying_a_stage_takes_its_consumers_first()
    {
        var plan = await PlanAsync("common");

        plan.Stages.Select(s => (s.Name, s.Reasons.Single())).Should().Equal(
            ("smoke", "consumes web, which is being destroyed"),
            ("worker", "consumes common, which is being destroyed"),
            ("web", "consumes common, which is being destroyed"),
            ("common", "destroy requested"));
        plan.Targeted.Should().BeTrue();
    }

    [Fact]
    public async Task Destroying_a_stage_that_is_not_deployed_is_refused()
    {
        var plan = () => PlanAsync("comon");

        (await plan.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Single().Hint.Should().Be("did you mean 'common'?");
    }
}
