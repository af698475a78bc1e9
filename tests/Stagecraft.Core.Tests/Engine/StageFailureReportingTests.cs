using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Engine;

public sealed class StageFailureReportingTests : IDisposable
{
    private readonly ProjectHarness _harness = new();

    public StageFailureReportingTests()
    {
        _harness.Catalog.Add(new ThrowingKind());
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Unexpected_exception_fails_the_stage_with_its_type_and_the_stack_in_the_log()
    {
        _harness.Test.Local.Secrets["token"] = "tok-123456";

        var result = await _harness.DeployAsync("""
            project: shop
            stages:
              broken: { kind: throwing, message: "boom with ${secret:token}" }
            """);

        var report = result.Report.Stages.Single();
        report.Result.Should().Be(StageResult.Failed);
        report.Error.Should().Be("unexpected InvalidOperationException: boom with ****");
        report.Details.Should().ContainSingle().Which.Should().StartWith("details in ");
        var log = await File.ReadAllTextAsync(report.LogPath!);
        log.Should().Contain("InvalidOperationException").And.Contain(nameof(ThrowingKind)).And.NotContain("tok-123456");
        _harness.State().Stages["broken"].LastError.Should().Be("unexpected InvalidOperationException: boom with ****");
    }

    [Fact]
    public async Task Output_missing_at_apply_time_fails_the_consumer_with_its_location()
    {
        var yaml = """
            project: shop
            stages:
              api: { kind: fake, value: v1, produce: { url: "http://api" } }
              web: { kind: fake, value: "${stages.api.outputs.url}" }
            """;
        await _harness.DeployAsync(yaml);

        var result = await _harness.DeployAsync(yaml.Replace("value: v1, produce: { url: \"http://api\" }", "value: v2, produce: { endpoint: \"http://api\" }", StringComparison.Ordinal));

        var web = result.Report.Stages.Single(s => s.Stage == "web");
        web.Result.Should().Be(StageResult.Failed);
        web.Error.Should().Be("stagecraft.yml:4:30: error: stage 'api' has no output 'url'\n  hint: valid outputs: endpoint");
        result.Report.ExitCode.Should().Be(ExitCodes.StageFailed);
    }

    [Fact]
    public async Task Rerun_after_a_failure_deploys_only_what_is_still_out_of_date()
    {
        var failing = """
            project: shop
            stages:
              db: { kind: fake, produce: { host: db.local } }
              app: { kind: fake, value: "${stages.db.outputs.host}", fail: "not yet" }
              docs: { kind: fake }
            """;
        var first = await _harness.DeployAsync(failing);
        first.Report.ExitCode.Should().Be(ExitCodes.StageFailed);
        var before = _harness.Test.Fake.Applied.Count;

        var second = await _harness.DeployAsync(failing.Replace(", fail: \"not yet\"", "", StringComparison.Ordinal));

        second.Plan.Stages.Select(s => (s.Name, s.Action)).Should().Equal(("db", StageAction.NoChange), ("app", StageAction.Create), ("docs", StageAction.NoChange));
        _harness.Test.Fake.AppliedStages.Skip(before).Should().Equal("app");
        second.Report.Status.Should().Be(RunStatus.Succeeded);
    }

    private sealed class ThrowingKind : StageKind
    {
        public override string Name => "throwing";

        public override string Version => "1";

        public override string Summary => "throws";

        public override KindSchema Schema { get; } = new(new FieldSpec("message", FieldType.String, "what to throw"));

        public override Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(context.Settings.String("message"));
    }
}
