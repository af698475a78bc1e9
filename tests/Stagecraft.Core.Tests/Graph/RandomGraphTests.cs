using Stagecraft.Core.Graph;

namespace Stagecraft.Core.Tests.Graph;

/// <summary>Seeded random graphs: what the cycle finder reports must agree with what ordering finds.</summary>
public sealed class RandomGraphTests
{
    private static StageGraph RandomGraph(Random random, int count, double edgeChance, bool acyclic)
    {
        var names = Enumerable.Range(0, count).Select(i => $"s{i}").ToList();
        var upstream = names.ToDictionary(n => n, _ => new List<string>());
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < count; j++)
            {
                if (i != j && (!acyclic || j < i) && random.NextDouble() < edgeChance)
                {
                    upstream[names[i]].Add(names[j]);
                }
            }
        }

        return new StageGraph(names, n => upstream[n]);
    }

    [Fact]
    public void Acyclic_graphs_have_no_cycles_and_order_every_stage_after_its_upstream()
    {
        var random = new Random(20250301);
        for (var round = 0; round < 200; round++)
        {
            var graph = RandomGraph(random, random.Next(1, 30), 0.15, acyclic: true);

            graph.FindCycles().Should().BeEmpty();
            var position = new int[graph.Count];
            var order = graph.TopologicalOrder();
            for (var p = 0; p < order.Count; p++)
            {
                position[order[p]] = p;
            }

            order.Should().HaveCount(graph.Count).And.OnlyHaveUniqueItems();
            for (var i = 0; i < graph.Count; i++)
            {
                graph.UpstreamOf(i).Where(u => position[u] > position[i]).Should().BeEmpty();
            }
        }
    }

    [Fact]
    public void Every_reported_cycle_is_a_real_loop_and_cyclic_graphs_always_report_one()
    {
        var random = new Random(42);
        for (var round = 0; round < 200; round++)
        {
            var graph = RandomGraph(random, random.Next(2, 25), 0.08, acyclic: false);
            var cycles = graph.FindCycles();
            var orderable = true;
            try
            {
                graph.TopologicalOrder();
            }
            catch (InvalidOperationException)
            {
                orderable = false;
            }

            cycles.Any().Should().Be(!orderable, "a graph has a cycle exactly when it cannot be ordered");
            foreach (var cycle in cycles)
            {
                cycle[0].Should().Be(cycle[^1]);
                cycle.Take(cycle.Count - 1).Should().OnlyHaveUniqueItems();
                for (var k = 0; k + 1 < cycle.Count; k++)
                {
                    graph.UpstreamOf(cycle[k]).Should().Contain(cycle[k + 1], $"'{cycle[k]} -> {cycle[k + 1]}' must be an edge of the graph");
                }
            }

            // Cycles are disjoint strongly connected components: no stage is in two of them.
            cycles.SelectMany(c => c.Skip(1)).Should().OnlyHaveUniqueItems();
        }
    }
}
