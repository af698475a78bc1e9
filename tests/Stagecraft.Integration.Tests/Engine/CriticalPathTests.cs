using System.Text;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Engine;

/// <summary>
/// No wave barriers: a chain runs on while an unrelated stage is still busy. The slow stage ends only
/// once the chain has ended, so a scheduler that held the chain back for it would never finish (the
/// slow stage gives up and fails). By events, not timings: the scheduler's overhead is measured in
/// bench/engine (docs/benchmarks.md), not here.
/// </summary>
public sealed class CriticalPathTests
{
    [Fact]
    public async Task A_slow_stage_beside_a_chain_does_not_hold_the_chain_back()
    {
        using var project = new TestProject();
        var yaml = new StringBuilder("project: waves\nstages:\n").Append(TestProject.Stage("slow", 0, awaits: ["end:b3"]));
        for (var i = 1; i <= 3; i++)
        {
            yaml.Append(TestProject.Stage($"b{i}", 0.1, i == 1 ? null : [$"b{i - 1}"]));
        }

        project.WriteProject(yaml.ToString());
        var result = await project.RunAsync("deploy", "--parallelism", "2");

        result.ExitCode.Should().Be(0, result.ToString());
        var intervals = project.Log.Intervals();
        intervals["b2"].Start.Should().BeLessThan(intervals["slow"].End, "b2 must not wait for an unrelated stage");
        intervals["b3"].End.Should().BeLessThan(intervals["slow"].End);
    }
}
