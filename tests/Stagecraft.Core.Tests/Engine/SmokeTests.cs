using Stagecraft.Core.Config;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Planning;
using Stagecraft.Core.Sessions;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Engine;

public sealed class SmokeTests
{
    [Fact]
    public async Task Deploys_in_order_then_second_plan_has_no_changes()
    {
        using var directory = new TempDirectory();
        var test = new TestCatalog();
        var project = ProjectLoader.Parse("""
            project: demo
            variables:
              greeting: hello
            stages:
              a:
                kind: fake
                produce: { url: "http://${var.greeting}" }
              b:
                kind: fake
                value: "${stages.a.outputs.url}/x"
            """, "stagecraft.yml", directory.Path, test.Catalog);
        var host = new FakeHostInfo();
        await using var session = await EnvironmentSession.OpenAsync(project, null, new SessionOptions(test.Catalog, host, TimeProvider.System), default);
        var (plan, snapshot) = await session.PlanAsync(PlanOptions.All, default);
        plan.Stages.Select(s => (s.Name, s.Action)).Should().Equal(("a", StageAction.Create), ("b", StageAction.Create));

        var observer = new RecordingObserver();
        var report = await new RunEngine(session, observer, ScriptedInteraction.NoTerminal, host).ExecuteAsync("deploy", plan, snapshot, new EngineOptions(), default);
        report.Status.Should().Be(RunStatus.Succeeded);
        test.Fake.Applied.Select(a => a.Stage).Should().Equal("a", "b");
        test.Fake.Applied.Last().Settings.String("value").Should().Be("http://hello/x");

        var (second, _) = await session.PlanAsync(PlanOptions.All, default);
        second.Stages.Select(s => s.Action).Should().AllBeEquivalentTo(StageAction.NoChange);
    }
}
