using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Planning;

public sealed class PlannerTests : IDisposable
{
    // common <- web (reference) <- smoke (reference); common <- worker (depends_on only); docs alone.
    private const string Project = """
        project: shop
        variables:
          greeting: hello
        stages:
          common:
            kind: fake
            value: v1
            produce: { url: "http://common" }
          web:
            kind: fake
            value: "${stages.common.outputs.url}/web"
            produce: { url: "http://web" }
          worker:
            kind: fake
            depends_on: [common]
            value: "${var.greeting}"
          smoke:
            kind: fake
            value: "${stages.web.outputs.url}/health"
          docs:
            kind: fake
            value: static
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static IEnumerable<(string, StageAction)> Actions(Plan plan) => plan.Stages.Select(s => (s.Name, s.Action));

    private async Task DeployedAsync(string yaml = Project)
    {
        var result = await _harness.DeployAsync(yaml);
        result.Report.Status.Should().Be(RunStatus.Succeeded);
    }

    private async Task SetStatusAsync(string stage, StageStatus status, string? error)
    {
        var store = _harness.State();
        var run = await store.BeginRunAsync(new RunStart("deploy", "local", "someone", "elsewhere", 1, DateTimeOffset.UnixEpoch, ""), default);
        await store.RecordStageAsync(run, new StageRunRecord(stage, "fake", StageAction.Update, StageResult.Failed, null, TimeSpan.Zero, null, error, null, null),
            new StageStateChange.SetStatus(stage, "fake", status, error), default);
    }

    [Fact]
    public async Task New_stages_are_created_in_dependency_order()
    {
        var plan = await _harness.PlanAsync(Project);

        Actions(plan).Should().Equal(("common", StageAction.Create), ("web", StageAction.Create), ("worker", StageAction.Create),
            ("smoke", StageAction.Create), ("docs", StageAction.Create));
        plan.Find("common")!.Reasons.Should().Equal("new stage");
        plan.Find("web")!.Reasons.Should().Equal("new stage", "known after common deploys (uses stages.common.outputs.url)");
        plan.Find("web")!.PendingOn.Should().Equal("common");
        plan.Targeted.Should().BeFalse();
        plan.HasChanges.Should().BeTrue();
    }

    [Fact]
    public async Task Nothing_changes_after_a_deploy()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project);

        plan.Stages.Should().OnlyContain(s => s.Action == StageAction.NoChange && s.Reasons.Count == 0 && s.Fingerprint != null);
        plan.HasChanges.Should().BeFalse();
    }

    [Fact]
    public async Task Edited_setting_is_an_update_naming_the_setting()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project.Replace("value: static", "value: moved", StringComparison.Ordinal));

        plan.Find("docs")!.Action.Should().Be(StageAction.Update);
        plan.Find("docs")!.Reasons.Should().Equal("setting 'value' changed");
        plan.Stages.Where(s => s.Name != "docs").Should().OnlyContain(s => s.Action == StageAction.NoChange);
    }

    [Fact]
    public async Task Changed_variable_is_an_update_of_the_stages_that_read_it()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project.Replace("greeting: hello", "greeting: hi", StringComparison.Ordinal));

        plan.Stages.Where(s => s.IsChange).Select(s => s.Name).Should().Equal("worker");
        plan.Find("worker")!.Reasons.Should().Equal("variable greeting changed: 'hello' -> 'hi'");
    }

    [Fact]
    public async Task Consumers_of_a_changing_upstream_are_pending_until_it_deploys()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project.Replace("value: v1", "value: v2", StringComparison.Ordinal));

        Actions(plan).Should().Equal(("common", StageAction.Update), ("web", StageAction.Pending), ("worker", StageAction.NoChange),
            ("smoke", StageAction.Pending), ("docs", StageAction.NoChange));
        var web = plan.Find("web")!;
        web.Reasons.Should().Equal("known after common deploys (uses stages.common.outputs.url)");
        web.PendingOn.Should().Equal("common");
        web.Fingerprint.Should().BeNull("a pending stage's inputs are not known yet");
        plan.Find("smoke")!.Reasons.Should().Equal("known after web deploys (uses stages.web.outputs.url)");
    }

    [Fact]
    public async Task Consumer_linked_only_by_depends_on_is_not_pending()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project.Replace("value: v1", "value: v2", StringComparison.Ordinal));

        plan.Find("worker")!.Action.Should().Be(StageAction.NoChange);
        plan.Find("worker")!.PendingOn.Should().BeEmpty();
    }

    [Fact]
    public async Task Pending_stage_also_lists_its_own_changes()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project
            .Replace("value: v1", "value: v2", StringComparison.Ordinal)
            .Replace("outputs.url}/web\"", "outputs.url}/web2\"", StringComparison.Ordinal));

        plan.Find("web")!.Action.Should().Be(StageAction.Pending);
        plan.Find("web")!.Reasons.Should().Equal("known after common deploys (uses stages.common.outputs.url)", "setting 'value' changed");
    }

    [Fact]
    public async Task Stages_gone_from_the_file_are_destroyed_last_consumers_first()
    {
        await DeployedAsync();
        var remaining = """
            project: shop
            variables:
              greeting: hello
            stages:
              docs:
                kind: fake
                value: static
            """;

        var plan = await _harness.PlanAsync(remaining);

        // Consumers before what they consume; name order breaks ties (the file no longer says anything).
        Actions(plan).Should().Equal(("docs", StageAction.NoChange), ("worker", StageAction.Destroy), ("smoke", StageAction.Destroy),
            ("web", StageAction.Destroy), ("common", StageAction.Destroy));
        plan.Stages.Where(s => s.Action == StageAction.Destroy).Should().OnlyContain(s => s.Reasons.SequenceEqual(new[] { "in state, no longer in the project file" }));
        plan.Find("web")!.Record.Should().NotBeNull();
        plan.Find("web")!.Definition.Should().BeNull();
    }

    [Fact]
    public async Task Failed_stage_is_updated_with_the_error_as_reason()
    {
        await DeployedAsync();
        await SetStatusAsync("docs", StageStatus.Failed, "exit code 3\nmore detail");

        var plan = await _harness.PlanAsync(Project);

        plan.Find("docs")!.Action.Should().Be(StageAction.Update);
        plan.Find("docs")!.Reasons.Should().Equal("the last deploy failed: exit code 3");
    }

    [Fact]
    public async Task Interrupted_stage_is_updated()
    {
        await DeployedAsync();
        await SetStatusAsync("docs", StageStatus.Interrupted, "interrupted");

        var plan = await _harness.PlanAsync(Project);

        plan.Find("docs")!.Action.Should().Be(StageAction.Update);
        plan.Find("docs")!.Reasons.Should().Equal("the last deploy was interrupted");
    }

    [Fact]
    public async Task Waiting_stage_is_updated_even_if_it_never_deployed()
    {
        await SetStatusAsync("docs", StageStatus.Waiting, null);

        var plan = await _harness.PlanAsync(Project);

        plan.Find("docs")!.Action.Should().Be(StageAction.Update);
        plan.Find("docs")!.Reasons.Should().Equal("waiting for approval");
    }

    [Fact]
    public async Task Stage_that_failed_before_it_ever_deployed_is_still_a_create()
    {
        await SetStatusAsync("docs", StageStatus.Failed, "boom");

        var plan = await _harness.PlanAsync(Project);

        plan.Find("docs")!.Action.Should().Be(StageAction.Create);
        plan.Find("docs")!.Reasons.Should().Equal("the last deploy failed: boom");
    }

    [Fact]
    public async Task Forced_stage_is_updated_although_nothing_changed()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project, new PlanOptions { Force = ["docs"] });

        plan.Find("docs")!.Action.Should().Be(StageAction.Update);
        plan.Find("docs")!.Reasons.Should().Equal("forced with --force");
        plan.Stages.Where(s => s.Name != "docs").Should().OnlyContain(s => s.Action == StageAction.NoChange);
    }

    [Fact]
    public async Task Targeted_plan_covers_only_the_named_stages_when_their_dependencies_are_current()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project.Replace("/web\"", "/web2\"", StringComparison.Ordinal), new PlanOptions { Targets = ["web"] });

        Actions(plan).Should().Equal(("web", StageAction.Update));
        plan.Targeted.Should().BeTrue();
    }

    [Fact]
    public async Task Targeted_plan_refuses_when_a_dependency_is_out_of_date()
    {
        await DeployedAsync();

        var plan = () => _harness.PlanAsync(Project.Replace("value: v1", "value: v2", StringComparison.Ordinal), new PlanOptions { Targets = ["web"] });

        var error = (await plan.Should().ThrowAsync<InvalidInputException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.InvalidInput);
        var diagnostic = error.Diagnostics.Should().ContainSingle().Subject;
        diagnostic.Message.Should().Be("cannot deploy 'web' on its own: its dependency is out of date: common (update: setting 'value' changed)");
        diagnostic.Hint.Should().Contain("--include-dependencies");
        diagnostic.Location.Line.Should().Be(9, "the refusal points at the targeted stage");
    }

    [Fact]
    public async Task Targeted_plan_refuses_when_a_dependency_was_never_deployed()
    {
        var plan = () => _harness.PlanAsync(Project, new PlanOptions { Targets = ["worker"] });

        (await plan.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Single().Message
            .Should().Be("cannot deploy 'worker' on its own: its dependency is out of date: common (create: new stage)");
    }

    [Fact]
    public async Task Include_dependencies_takes_the_out_of_date_dependencies_along()
    {
        var plan = await _harness.PlanAsync(Project, new PlanOptions { Targets = ["smoke"], IncludeDependencies = true });

        Actions(plan).Should().Equal(("common", StageAction.Create), ("web", StageAction.Create), ("smoke", StageAction.Create));
    }

    [Fact]
    public async Task Include_dependents_takes_every_consumer_along()
    {
        await DeployedAsync();

        var plan = await _harness.PlanAsync(Project.Replace("value: v1", "value: v2", StringComparison.Ordinal), new PlanOptions { Targets = ["common"], IncludeDependents = true });

        Actions(plan).Should().Equal(("common", StageAction.Update), ("web", StageAction.Pending), ("worker", StageAction.NoChange), ("smoke", StageAction.Pending));
    }

    [Fact]
    public async Task Include_dependencies_and_dependents_takes_the_targets_consumers_not_their_siblings()
    {
        // smoke consumes web; worker shares web's dependency 'common' but is not web's consumer.
        var plan = await _harness.PlanAsync(Project, new PlanOptions { Targets = ["web"], IncludeDependencies = true, IncludeDependents = true });

        plan.Stages.Select(s => s.Name).Should().Equal("common", "web", "smoke");
    }

    [Fact]
    public async Task Include_dependents_with_dependencies_also_brings_the_consumers_other_dependencies()
    {
        var yaml = Project + """

              report:
                kind: fake
                value: "${stages.web.outputs.url} ${stages.docs.outputs.x}"
            """;

        var plan = await _harness.PlanAsync(yaml, new PlanOptions { Targets = ["web"], IncludeDependencies = true, IncludeDependents = true });

        plan.Stages.Select(s => s.Name).Should().Equal("common", "web", "smoke", "docs", "report");
    }

    [Fact]
    public async Task Unknown_target_is_refused_with_did_you_mean()
    {
        var plan = () => _harness.PlanAsync(Project, new PlanOptions { Targets = ["wbe"] });

        var error = (await plan.Should().ThrowAsync<InvalidInputException>()).Which;
        error.Diagnostics.Single().Message.Should().Be("unknown stage 'wbe'");
        error.Diagnostics.Single().Hint.Should().Be("did you mean 'web'?");
    }

    [Fact]
    public async Task Unknown_forced_stage_is_refused_too()
    {
        var plan = () => _harness.PlanAsync(Project, new PlanOptions { Force = ["dcos"] });

        (await plan.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Single().Hint.Should().Be("did you mean 'docs'?");
    }

    [Fact]
    public async Task Target_that_only_state_knows_points_at_destroy()
    {
        await DeployedAsync(Project + """

              legacy:
                kind: fake
            """);

        var plan = () => _harness.PlanAsync(Project, new PlanOptions { Targets = ["legacy"] });

        (await plan.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Single().Hint
            .Should().Be("legacy is no longer in stagecraft.yml; a full 'deploy' destroys it, or 'destroy legacy'");
    }

    [Fact]
    public async Task Targeted_plan_does_not_destroy_removed_stages()
    {
        await DeployedAsync(Project + """

              legacy:
                kind: fake
            """);

        var plan = await _harness.PlanAsync(Project, new PlanOptions { Targets = ["docs"] });

        Actions(plan).Should().Equal(("docs", StageAction.NoChange));
    }

    [Fact]
    public async Task Problem_in_a_variable_used_by_several_stages_is_reported_once()
    {
        var yaml = """
            project: shop
            variables:
              commit: "${os:GIT_COMMIT}"
            stages:
              api: { kind: fake, value: "${var.commit}" }
              web: { kind: fake, value: "${var.commit}-${var.commit}" }
            """;

        var plan = () => _harness.PlanAsync(yaml);

        var diagnostic = (await plan.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Should().ContainSingle().Subject;
        diagnostic.Message.Should().Be("environment variable 'GIT_COMMIT' is not set");
        (diagnostic.Location.Line, diagnostic.Location.Column).Should().Be((3, 12));
    }

    [Fact]
    public async Task Every_unresolvable_reference_of_the_plan_is_reported_together()
    {
        var yaml = """
            project: shop
            stages:
              api: { kind: fake, value: "${os:API_KEY_ID}" }
              web: { kind: fake, value: "${ssm:/shop/web/url}" }
            """;

        var plan = () => _harness.PlanAsync(yaml);

        (await plan.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Select(d => d.Location.Line).Should().Equal(3, 4);
    }

    [Fact]
    public async Task Pending_stage_keeps_reasons_about_other_upstreams_with_similar_names()
    {
        var yaml = """
            project: shop
            stages:
              common: { kind: fake, value: v1, produce: { url: "http://common" } }
              common2: { kind: fake, produce: { url: "http://common2" } }
              web: { kind: fake, value: "${stages.common.outputs.url} ${stages.common2.outputs.url}" }
            """;
        await DeployedAsync(yaml);
        var moved = yaml.Replace("http://common2", "http://common2-moved", StringComparison.Ordinal);
        (await _harness.DeployAsync(moved, new PlanOptions { Targets = ["common2"] })).Report.Status.Should().Be(RunStatus.Succeeded);

        var plan = await _harness.PlanAsync(moved.Replace("value: v1", "value: v2", StringComparison.Ordinal));

        plan.Find("web")!.Action.Should().Be(StageAction.Pending);
        plan.Find("web")!.Reasons.Should().Equal(
            "known after common deploys (uses stages.common.outputs.url)",
            "output url of common2 changed: 'http://common2' -> 'http://common2-moved'");
    }
}
