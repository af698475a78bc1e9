using Stagecraft.Core.Engine;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Engine;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task No_more_stages_run_at_once_than_the_parallelism()
    {
        var yaml = """
            project: shop
            stages:
              s1: { kind: gate, hold: true }
              s2: { kind: gate, hold: true }
              s3: { kind: gate, hold: true }
              s4: { kind: gate, hold: true }
              s5: { kind: gate, hold: true }
            """;

        var deploy = _harness.DeployAsync(yaml, engine: new EngineOptions { Parallelism = 2 });
        await Task.WhenAll(_harness.Gate.WhenStarted("s1"), _harness.Gate.WhenStarted("s2")).Within();
        var startedWhileHeld = _harness.Gate.Started;
        _harness.Gate.ReleaseAll();
        var result = await deploy.Within();

        startedWhileHeld.Should().BeEquivalentTo("s1", "s2");
        _harness.Gate.PeakConcurrency.Should().Be(2);
        result.Report.Status.Should().Be(RunStatus.Succeeded);
    }

    [Fact]
    public async Task Kind_cap_holds_below_the_parallelism()
    {
        var yaml = """
            project: shop
            stages:
              c1: { kind: capped, delay: 20ms }
              c2: { kind: capped, delay: 20ms }
              c3: { kind: capped, delay: 20ms }
              f1: { kind: fake, delay: 20ms }
              f2: { kind: fake, delay: 20ms }
            """;

        var result = await _harness.DeployAsync(yaml, engine: new EngineOptions { Parallelism = 4 });

        result.Report.Status.Should().Be(RunStatus.Succeeded);
        _harness.Test.Capped.PeakConcurrency.Should().Be(1);
        _harness.Test.Capped.AppliedStages.Should().Equal("c1", "c2", "c3");
    }

    [Fact]
    public async Task A_stage_starts_as_soon_as_its_own_dependencies_are_done()
    {
        // No wave barrier: b2 and b3 run while the slow stage beside b1 is still going.
        var yaml = """
            project: shop
            stages:
              slow: { kind: gate, hold: true }
              b1: { kind: gate }
              b2: { kind: gate, depends_on: [b1] }
              b3: { kind: gate, depends_on: [b2] }
            """;

        var deploy = _harness.DeployAsync(yaml, engine: new EngineOptions { Parallelism = 2 });
        await _harness.Gate.WhenFinished("b3").Within();
        _harness.Gate.Release("slow");
        var result = await deploy.Within();

        result.Report.Status.Should().Be(RunStatus.Succeeded);
        var events = _harness.Gate.Events.ToList();
        events.IndexOf("start b2").Should().BeLessThan(events.IndexOf("finish slow"));
        events.IndexOf("finish b3").Should().BeLessThan(events.IndexOf("finish slow"));
        events.IndexOf("finish b1").Should().BeLessThan(events.IndexOf("start b2"));
        events.IndexOf("finish b2").Should().BeLessThan(events.IndexOf("start b3"));
    }

    [Fact]
    public async Task Parallelism_of_one_runs_stages_one_by_one_in_plan_order()
    {
        var yaml = """
            project: shop
            stages:
              web: { kind: gate, depends_on: [db] }
              docs: { kind: gate }
              db: { kind: gate }
            """;

        await _harness.DeployAsync(yaml, engine: new EngineOptions { Parallelism = 1 });

        _harness.Gate.Events.Should().Equal("start docs", "finish docs", "start db", "finish db", "start web", "finish web");
    }
}
