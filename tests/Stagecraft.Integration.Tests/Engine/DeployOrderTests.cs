using System.Text;
using System.Text.Json;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Engine;

/// <summary>Real child processes in a generated graph: order, parallelism and no wave barriers.</summary>
public sealed class DeployOrderTests
{
    [Fact]
    public async Task Generated_graph_of_32_stages_runs_in_dependency_order_with_bounded_parallelism()
    {
        using var project = new TestProject();
        var random = new Random(20261125);
        var edges = new Dictionary<string, List<string>>();
        var yaml = new StringBuilder("project: order\nstages:\n");
        for (var i = 0; i < 32; i++)
        {
            var name = $"s{i:00}";
            var deps = i < 4 ? [] : Enumerable.Range(0, random.Next(1, 3)).Select(_ => $"s{random.Next(0, i):00}").Distinct().ToList();
            edges[name] = deps;
            yaml.Append(TestProject.Stage(name, 0.15, deps));
        }

        project.WriteProject(yaml.ToString());
        var result = await project.RunAsync("deploy", "--parallelism", "3");

        result.ExitCode.Should().Be(0, result.ToString());
        var log = project.Log;
        var intervals = log.Intervals();
        intervals.Should().HaveCount(32);
        foreach (var (stage, deps) in edges)
        {
            foreach (var dep in deps)
            {
                intervals[dep].End.Should().BeLessThan(intervals[stage].Start, $"{stage} depends on {dep}");
            }
        }

        log.PeakOverlap().Should().BeGreaterThan(1).And.BeLessOrEqualTo(3);
    }

    [Fact]
    public async Task A_slow_stage_beside_a_chain_does_not_hold_the_chain_back()
    {
        using var project = new TestProject();
        var yaml = new StringBuilder("project: waves\nstages:\n").Append(TestProject.Stage("slow", 3.0));
        for (var i = 1; i <= 3; i++)
        {
            yaml.Append(TestProject.Stage($"b{i}", 1.0, i == 1 ? null : [$"b{i - 1}"]));
        }

        project.WriteProject(yaml.ToString());
        var result = await project.RunAsync("deploy", "--parallelism", "2");

        result.ExitCode.Should().Be(0, result.ToString());
        var intervals = project.Log.Intervals();
        intervals["b2"].Start.Should().BeLessThan(intervals["slow"].End, "b2 must not wait for an unrelated stage");

        // Durations as Stagecraft measured them (process start included), from the run's history:
        // what is left between them is the scheduler's own overhead. With waves the chain would wait
        // for 'slow' after b1: about 5 s instead of 3 s.
        var run = JsonDocument.Parse((await project.RunAsync("show", "1", "--json")).Output).RootElement.GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("stage").GetString()!, s => (Start: s.GetProperty("started_at").GetDateTimeOffset(), Duration: TimeSpan.Parse(s.GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        var span = run.Values.Max(s => s.Start + s.Duration) - run.Values.Min(s => s.Start);
        var chain = run["b1"].Duration + run["b2"].Duration + run["b3"].Duration;
        var criticalPath = chain > run["slow"].Duration ? chain : run["slow"].Duration;
        (span / criticalPath).Should().BeLessOrEqualTo(1.10, $"span {span.TotalSeconds:0.000}s, critical path {criticalPath.TotalSeconds:0.000}s");
    }

    [Fact]
    public async Task A_second_deploy_with_nothing_changed_starts_no_process()
    {
        using var project = new TestProject();
        project.WriteProject("project: again\nstages:\n" + TestProject.Stage("a", 0) + TestProject.Stage("b", 0, ["a"]) + TestProject.Stage("c", 0, ["b"]));
        (await project.RunAsync("deploy")).ExitCode.Should().Be(0);
        project.Log.Started.Should().HaveCount(3);

        var second = await project.RunAsync("deploy");

        second.ExitCode.Should().Be(0, second.ToString());
        project.Log.Started.Should().HaveCount(3, "nothing changed, so nothing may run");
        second.Output.Should().Contain("No changes");
    }
}
