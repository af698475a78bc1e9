using System.Text;
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
            // The first three meet: each ends only once all three have started, which only a run that starts them together allows.
            var meet = i < 3 ? Enumerable.Range(0, 3).Where(j => j != i).Select(j => $"start:s{j:00}").ToList() : null;
            yaml.Append(TestProject.Stage(name, 0.15, deps, awaits: meet));
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

        log.PeakOverlap().Should().Be(3, "three stages met, and never more than --parallelism ran at once");
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
