using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Graph;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Planning;

/// <summary>'protect: true': deploy never destroys such a stage, and destroy does only with force.</summary>
public sealed class ProtectedStagesTests : IDisposable
{
    private const string Project = """
        project: shop
        stages:
          vault: { kind: fake, protect: true }
          cache: { kind: fake }
          docs: { kind: fake }
        """;

    private const string OnlyDocs = """
        project: shop
        stages:
          docs: { kind: fake }
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private async Task DeployedAsync() => (await _harness.DeployAsync(Project)).Report.Status.Should().Be(RunStatus.Succeeded);

    private async Task<Plan> DestroyPlanAsync(bool force, params string[] targets)
    {
        var project = _harness.Parse(Project);
        var snapshot = await _harness.State().LoadAsync(default);
        return DestroyPlanner.Plan(project, "local", StageGraph.From(project), snapshot, targets, force);
    }

    [Fact]
    public async Task A_deploy_plan_refuses_a_protected_stage_removed_from_the_file()
    {
        await DeployedAsync();

        var plan = () => _harness.PlanAsync(OnlyDocs, new PlanOptions { ForDeploy = true });

        var refused = (await plan.Should().ThrowAsync<InvalidInputException>()).Which;
        refused.ExitCode.Should().Be(ExitCodes.InvalidInput);
        var diagnostic = refused.Diagnostics.Single();
        diagnostic.Message.Should().Be("protected stage(s) vault were removed from the file; deploy does not destroy protected stages");
        diagnostic.Hint.Should().Be("destroy them explicitly with: stagecraft destroy vault -e local --force");
    }

    [Fact]
    public async Task A_plan_only_shown_lists_the_destroy_of_a_removed_protected_stage()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(OnlyDocs);

        plan.Find("vault")!.Action.Should().Be(StageAction.Destroy);
    }

    [Fact]
    public async Task A_deploy_plan_destroys_unprotected_stages_removed_from_the_file()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project.Replace("  cache: { kind: fake }\n", "", StringComparison.Ordinal), new PlanOptions { ForDeploy = true });

        plan.Find("cache")!.Action.Should().Be(StageAction.Destroy);
    }

    [Fact]
    public async Task Destroying_a_protected_stage_without_force_is_refused()
    {
        await DeployedAsync();

        var plan = () => DestroyPlanAsync(force: false);

        var diagnostic = (await plan.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Single();
        diagnostic.Message.Should().Be("refusing to destroy protected stage(s): vault; nothing was destroyed");
        diagnostic.Hint.Should().Be("add --force if you really mean it, or name only unprotected stages");
    }

    [Fact]
    public async Task Destroying_a_protected_stage_with_force_is_planned()
    {
        await DeployedAsync();

        var plan = await DestroyPlanAsync(force: true, "vault");

        plan.Stages.Select(s => s.Name).Should().Equal("vault");
    }

    [Fact]
    public async Task Destroying_unprotected_stages_needs_no_force()
    {
        await DeployedAsync();

        var plan = await DestroyPlanAsync(force: false, "cache", "docs");

        plan.Stages.Select(s => s.Name).Should().BeEquivalentTo("cache", "docs");
    }
}
