using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Graph;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Planning;

/// <summary>'only_in': a stage that exists in some environments only, e.g. an approval that guards production alone.</summary>
public sealed class OnlyInTests : IDisposable
{
    private const string Project = """
        project: imaging
        environments:
          development: { target: local }
          production: { target: local }
        stages:
          api: { kind: fake, produce: { fn: "initdb-fn" } }
          approve-initdb: { kind: fake, only_in: [production], depends_on: [api] }
          initdb: { kind: fake, value: "${stages.api.outputs.fn}", depends_on: [approve-initdb] }
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task In_an_environment_it_leaves_out_the_stage_is_absent_and_edges_to_it_are_dropped()
    {
        var plan = await _harness.PlanAsync(Project, environment: "development");

        plan.Stages.Select(s => s.Name).Should().Equal("api", "initdb");
        plan.Stages.Single(s => s.Name == "initdb").Upstream.Should().Equal("api");
    }

    [Fact]
    public async Task In_an_environment_it_names_the_stage_is_planned_and_guards_its_consumers()
    {
        var plan = await _harness.PlanAsync(Project, environment: "production");

        plan.Stages.Select(s => s.Name).Should().Equal("api", "approve-initdb", "initdb");
        plan.Stages.Single(s => s.Name == "initdb").Upstream.Should().BeEquivalentTo("api", "approve-initdb");
    }

    [Fact]
    public async Task Deploying_where_the_stage_is_absent_runs_its_consumers_without_it()
    {
        var result = await _harness.DeployAsync(Project, environment: "development");

        result.Report.Status.Should().Be(RunStatus.Succeeded);
        result.Report.Stages.Select(s => s.Stage).Should().BeEquivalentTo("api", "initdb");
        (await _harness.State("development").LoadAsync(default)).Stages.Keys.Should().BeEquivalentTo("api", "initdb");
    }

    [Fact]
    public async Task A_stage_deployed_before_only_in_left_its_environment_out_is_planned_for_destroy_with_that_reason()
    {
        (await _harness.DeployAsync(Project.Replace("only_in: [production], ", "", StringComparison.Ordinal), environment: "development")).Report.Status.Should().Be(RunStatus.Succeeded);

        var plan = await _harness.PlanAsync(Project, environment: "development");

        var removed = plan.Stages.Single(s => s.Name == "approve-initdb");
        removed.Action.Should().Be(StageAction.Destroy);
        removed.Reasons.Single().Should().Be("in state, but its only_in leaves out environment 'development'");
    }

    [Fact]
    public void An_unknown_environment_in_only_in_is_an_error_at_its_location()
    {
        var parse = () => _harness.Parse(Project.Replace("only_in: [production]", "only_in: [prodution]", StringComparison.Ordinal));

        var error = parse.Should().Throw<InvalidInputException>().Which.Diagnostics.Single();
        error.Message.Should().Be("'only_in' of stage 'approve-initdb' names unknown environment 'prodution'");
        error.Hint.Should().Be("did you mean 'production'?");
        error.Location.Line.Should().Be(7);
    }

    [Fact]
    public void Using_the_outputs_of_a_stage_that_can_be_absent_is_refused_unless_the_consumer_exists_only_there_too()
    {
        var everywhere = Project + "\n  report: { kind: fake, value: \"${stages.approve-initdb.outputs.fn}\" }";
        var parse = () => _harness.Parse(everywhere);

        var error = parse.Should().Throw<InvalidInputException>().Which.Diagnostics.Single();
        error.Message.Should().Be("stage 'report' uses '${stages.approve-initdb.outputs.fn}', but stage 'approve-initdb' does not exist in development (its only_in: production)");
        error.Hint.Should().Contain("give 'report' the same 'only_in'");

        var narrowed = Project + "\n  report: { kind: fake, only_in: production, value: \"${stages.approve-initdb.outputs.fn}\" }";
        _harness.Parse(narrowed).FindStage("report")!.ExistsIn("development").Should().BeFalse();
    }

    [Fact]
    public void An_empty_only_in_is_an_error()
    {
        var parse = () => _harness.Parse(Project.Replace("only_in: [production]", "only_in: []", StringComparison.Ordinal));

        parse.Should().Throw<InvalidInputException>().Which.Diagnostics.Single().Message.Should().Contain("is empty: the stage would exist nowhere");
    }

    [Fact]
    public void The_graph_shows_where_a_stage_exists()
    {
        var project = _harness.Parse(Project);

        GraphRenderer.Render(project, StageGraph.From(project), GraphFormat.Text).Should().Contain("approve-initdb (fake, only in production)");
    }
}
