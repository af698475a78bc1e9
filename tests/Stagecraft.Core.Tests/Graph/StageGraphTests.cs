using Stagecraft.Core.Graph;

namespace Stagecraft.Core.Tests.Graph;

public sealed class StageGraphTests
{
    // Each entry: a stage and the stages it depends on, in file order.
    private static StageGraph Build(params (string Name, string[] Upstream)[] stages)
    {
        var upstream = stages.ToDictionary(s => s.Name, s => s.Upstream);
        return new StageGraph(stages.Select(s => s.Name).ToList(), n => upstream[n]);
    }

    private static IEnumerable<string> Names(StageGraph graph, IEnumerable<int> indices) => indices.Select(i => graph.Names[i]);

    [Fact]
    public void Topological_order_keeps_file_order_among_stages_that_are_ready_together()
    {
        var graph = Build(("web", ["api"]), ("docs", []), ("api", ["db"]), ("db", []), ("cdn", []));

        Names(graph, graph.TopologicalOrder()).Should().Equal("docs", "db", "api", "web", "cdn");
    }

    [Fact]
    public void Topological_order_is_the_same_every_time()
    {
        var stages = Enumerable.Range(0, 50).Select(i => ($"s{i}", i % 7 == 0 ? Array.Empty<string>() : new[] { $"s{i - i % 7}" })).ToArray();

        var first = Build(stages).TopologicalOrder();
        var second = Build(stages).TopologicalOrder();

        second.Should().Equal(first);
    }

    [Fact]
    public void Edges_to_unknown_names_are_ignored()
    {
        var graph = Build(("a", ["ghost"]));

        graph.UpstreamOf("a").Should().BeEmpty();
    }

    [Fact]
    public void Cycle_is_found_as_the_whole_path_back_to_its_start()
    {
        var graph = Build(("x", []), ("a", ["b"]), ("b", ["c"]), ("c", ["a"]), ("y", ["a"]));

        graph.FindCycles().Should().ContainSingle().Which.Should().Equal("a", "b", "c", "a");
    }

    [Fact]
    public void Separate_cycles_are_each_reported_in_file_order()
    {
        var graph = Build(("p", ["q"]), ("q", ["p"]), ("solo", ["solo"]), ("a", ["b"]), ("b", ["a"]));

        graph.FindCycles().Select(c => string.Join(" -> ", c)).Should().Equal("p -> q -> p", "solo -> solo", "a -> b -> a");
    }

    [Fact]
    public void Shortest_loop_through_the_first_stage_is_reported_when_loops_overlap()
    {
        var graph = Build(("a", ["b", "c"]), ("b", ["c"]), ("c", ["a"]));

        graph.FindCycles().Should().ContainSingle().Which.Should().Equal("a", "c", "a");
    }

    [Fact]
    public void Topological_order_of_a_cyclic_graph_fails_naming_the_cycle()
    {
        var graph = Build(("a", ["b"]), ("b", ["a"]));

        var order = () => graph.TopologicalOrder();

        order.Should().Throw<InvalidOperationException>().WithMessage("*a -> b -> a*");
    }

    [Fact]
    public void With_upstream_and_with_downstream_are_transitive_and_include_the_start()
    {
        // db <- api <- web <- smoke ; db <- worker ; docs alone
        var graph = Build(("db", []), ("api", ["db"]), ("web", ["api"]), ("smoke", ["web"]), ("worker", ["db"]), ("docs", []));

        Names(graph, graph.WithUpstream([graph.IndexOf("web")])).Should().BeEquivalentTo("web", "api", "db");
        Names(graph, graph.WithDownstream([graph.IndexOf("api")])).Should().BeEquivalentTo("api", "web", "smoke");
        Names(graph, graph.WithDownstream([graph.IndexOf("db")])).Should().BeEquivalentTo("db", "api", "web", "smoke", "worker");
        Names(graph, graph.WithUpstream([graph.IndexOf("docs")])).Should().BeEquivalentTo("docs");
    }

    [Fact]
    public void Depth_is_the_longest_path_ending_at_each_stage()
    {
        var graph = Build(("a", []), ("b", ["a"]), ("c", ["a", "b"]), ("d", []));

        graph.Depths().Should().Equal(1, 2, 3, 1);
    }

    [Fact]
    public void Ten_thousand_stage_chain_does_not_overflow_the_stack()
    {
        const int count = 10_000;
        var names = Enumerable.Range(0, count).Select(i => $"s{i}").ToList();
        var graph = new StageGraph(names, n => n == "s0" ? [] : [$"s{int.Parse(n[1..], System.Globalization.CultureInfo.InvariantCulture) - 1}"]);

        graph.TopologicalOrder().Should().Equal(Enumerable.Range(0, count));
        graph.FindCycles().Should().BeEmpty();
        graph.Depths()[count - 1].Should().Be(count);
        graph.WithUpstream([count - 1]).Should().HaveCount(count);
        graph.WithDownstream([0]).Should().HaveCount(count);
    }

    [Fact]
    public void Ten_thousand_stage_cycle_is_reported_whole_without_overflowing_the_stack()
    {
        const int count = 10_000;
        var names = Enumerable.Range(0, count).Select(i => $"s{i}").ToList();
        var graph = new StageGraph(names, n => [$"s{(int.Parse(n[1..], System.Globalization.CultureInfo.InvariantCulture) + 1) % count}"]);

        var cycle = graph.FindCycles().Should().ContainSingle().Subject;
        cycle.Should().HaveCount(count + 1);
        cycle[0].Should().Be("s0");
        cycle[1].Should().Be("s1");
        cycle[^1].Should().Be("s0");
    }
}
