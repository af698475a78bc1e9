using Stagecraft.Core.Engine;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Engine;

public sealed class RunStateTests : IDisposable
{
    private const string Project = """
        project: shop
        stages:
          common:
            kind: fake
            produce: { url: "http://common" }
            outputs: { dir: "${stage.dir}/out" }
          web:
            kind: fake
            value: "${stages.common.outputs.url}/web"
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Deployed_stages_are_recorded_with_fingerprint_outputs_and_dependencies()
    {
        var result = await _harness.DeployAsync(Project);

        var common = _harness.State().Stages["common"];
        common.Status.Should().Be(StageStatus.Deployed);
        common.Fingerprint.Should().Be(result.Plan.Find("common")!.Fingerprint!.Value);
        common.Manifest.Should().NotBeNull();
        common.Outputs.Should().BeEquivalentTo(new Dictionary<string, OutputValue>
        {
            ["url"] = new("http://common"),
            ["dir"] = new(_harness.Directory.Combine(".stagecraft", "local", "stages", "common", "out")),
        });
        common.LastRunId.Should().Be(result.Report.RunId);
        common.LastError.Should().BeNull();

        var web = _harness.State().Stages["web"];
        web.DependsOn.Should().Equal("common");
        web.SettingsJson.Should().Be("{\"value\":\"http://common/web\"}");
        Directory.Exists(_harness.Directory.Combine(".stagecraft", "local", "stages", "web")).Should().BeTrue();
    }

    [Fact]
    public async Task Run_history_records_each_stage_with_action_result_and_reason()
    {
        var first = await _harness.DeployAsync(Project);
        var second = await _harness.DeployAsync(Project.Replace("http://common\"", "http://common-2\"", StringComparison.Ordinal));

        _harness.State().RunStages(first.Report.RunId).Select(r => (r.Stage, r.Action, r.Result, r.Reason)).Should().Equal(
            ("common", StageAction.Create, StageResult.Succeeded, "new stage"),
            ("web", StageAction.Create, StageResult.Succeeded, "new stage"));
        _harness.State().RunStages(second.Report.RunId).Select(r => (r.Stage, r.Action, r.Result)).Should().Equal(
            ("common", StageAction.Update, StageResult.Succeeded),
            ("web", StageAction.Update, StageResult.Succeeded));
        _harness.State().RunStages(first.Report.RunId).Should().OnlyContain(r => r.LogPath != null && r.LogPath.StartsWith(".stagecraft/local/logs/1/", StringComparison.Ordinal));

        var runs = await _harness.State().ListRunsAsync(10, default);
        runs.Select(r => (r.Id, r.Verb, r.Status, r.User, r.Host)).Should().Equal(
            (2L, "deploy", RunStatus.Succeeded, "tester", "test-host"),
            (1L, "deploy", RunStatus.Succeeded, "tester", "test-host"));
    }

    [Fact]
    public async Task Observer_sees_the_run_from_start_to_finish()
    {
        var result = await _harness.DeployAsync(Project);

        result.Observer.Events.Should().StartWith("run-started deploy 1").And.EndWith("run-finished Succeeded");
        result.Observer.Events.Should().ContainInOrder("started common Create", "finished common Succeeded", "started web Create", "finished web Succeeded");
        result.Observer.Report.Should().BeSameAs(result.Report);
    }

    [Fact]
    public async Task Stages_removed_from_the_file_are_destroyed_consumers_first_and_leave_state()
    {
        await _harness.DeployAsync(Project);

        var result = await _harness.DeployAsync("""
            project: shop
            stages:
              docs: { kind: fake }
            """);

        result.Report.Status.Should().Be(RunStatus.Succeeded);
        _harness.Test.Fake.Destroyed.Should().Equal("web", "common");
        result.Report.Stages.Where(s => s.Result == StageResult.Destroyed).Select(s => s.Stage).Should().BeEquivalentTo("web", "common");
        _harness.State().Stages.Keys.Should().Equal("docs");
    }

    [Fact]
    public async Task Secret_settings_never_reach_state_or_history_in_the_clear()
    {
        _harness.Test.Local.Secrets["api_key"] = "s3cr3t-api-key-value";
        var yaml = """
            project: shop
            stages:
              web:
                kind: fake
                env: { KEY: "${secret:api_key}" }
                produce: { echo: "key is ${secret:api_key}" }
            """;

        var result = await _harness.DeployAsync(yaml);

        result.Report.Status.Should().Be(RunStatus.Succeeded);
        var record = _harness.State().Stages["web"];
        record.SettingsJson.Should().NotContain("s3cr3t-api-key-value").And.Contain("****");
        System.Text.Json.JsonSerializer.Serialize(record.Manifest).Should().NotContain("s3cr3t-api-key-value");
        record.Outputs["echo"].Sensitive.Should().BeTrue();
        record.Outputs["echo"].ToString().Should().Be("****");
    }
}
