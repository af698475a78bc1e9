using System.Text;
using System.Text.Json;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Engine;

/// <summary>
/// No wave barriers: the run's span stays within 10 % of its critical path. This compares timings,
/// so it runs alone (after the parallel tests) and measures the scheduler rather than other tests' load.
/// </summary>
[Collection(SerialTimingCollection.Name)]
public sealed class CriticalPathTests
{
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
}
