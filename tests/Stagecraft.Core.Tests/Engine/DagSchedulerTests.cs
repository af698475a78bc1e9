using System.Collections.Concurrent;
using Stagecraft.Core.Engine;
using Stagecraft.TestSupport;
using Node = Stagecraft.Core.Engine.DagScheduler.Node;

namespace Stagecraft.Core.Tests.Engine;

public sealed class DagSchedulerTests
{
    // a <- b, a <- c, (b, c) <- d ; e alone
    private static readonly Node[] Diamond =
    [
        new("a", "k", []),
        new("b", "k", [0]),
        new("c", "k", [0]),
        new("d", "k", [1, 2]),
        new("e", "k", []),
    ];

    private static Func<int, CancellationToken, Task<NodeState>> Recording(ConcurrentQueue<string> order, Func<int, NodeState>? outcome = null) =>
        (node, _) =>
        {
            order.Enqueue(Diamond[node].Name);
            return Task.FromResult(outcome?.Invoke(node) ?? NodeState.Succeeded);
        };

    private static IEnumerable<(string, string)> Named(IEnumerable<DagScheduler.Skip> skips, IReadOnlyList<Node> nodes) =>
        skips.Select(s => (nodes[s.Node].Name, s.Reason));

    [Fact]
    public async Task Nodes_run_after_their_prerequisites_in_index_order()
    {
        var order = new ConcurrentQueue<string>();

        var skipped = await new DagScheduler(Diamond, 1, _ => null, keepGoing: false).RunAsync(Recording(order), default);

        order.Should().Equal("a", "b", "c", "d", "e");
        skipped.Should().BeEmpty();
    }

    [Fact]
    public async Task Failure_skips_everything_downstream_and_stops_new_starts()
    {
        var order = new ConcurrentQueue<string>();

        var skipped = await new DagScheduler(Diamond, 1, _ => null, keepGoing: false)
            .RunAsync(Recording(order, n => n == 1 ? NodeState.Failed : NodeState.Succeeded), default);

        order.Should().Equal("a", "b");
        Named(skipped, Diamond).Should().Equal(("c", "the run stopped after b failed"), ("d", "depends on b, which failed"), ("e", "the run stopped after b failed"));
    }

    [Fact]
    public async Task Keep_going_runs_every_branch_that_does_not_depend_on_the_failure()
    {
        var order = new ConcurrentQueue<string>();

        var skipped = await new DagScheduler(Diamond, 1, _ => null, keepGoing: true)
            .RunAsync(Recording(order, n => n == 1 ? NodeState.Failed : NodeState.Succeeded), default);

        order.Should().Equal("a", "b", "c", "e");
        Named(skipped, Diamond).Should().Equal(("d", "depends on b, which failed"));
    }

    [Fact]
    public async Task Waiting_node_skips_its_dependents_but_the_run_goes_on()
    {
        var order = new ConcurrentQueue<string>();

        var skipped = await new DagScheduler(Diamond, 1, _ => null, keepGoing: false)
            .RunAsync(Recording(order, n => n == 0 ? NodeState.Waiting : NodeState.Succeeded), default);

        order.Should().Equal("a", "e");
        Named(skipped, Diamond).Should().Equal(("b", "depends on a, which waits for approval"), ("c", "depends on a, which waits for approval"), ("d", "depends on a, which waits for approval"));
    }

    [Fact]
    public async Task Cancelled_before_start_runs_nothing()
    {
        var order = new ConcurrentQueue<string>();

        var skipped = await new DagScheduler(Diamond, 2, _ => null, keepGoing: false).RunAsync(Recording(order), new CancellationToken(canceled: true));

        order.Should().BeEmpty();
        skipped.Should().HaveCount(5).And.OnlyContain(s => s.Reason == "the run was interrupted");
    }

    [Fact]
    public async Task Parallelism_and_kind_caps_bound_what_runs_at_once()
    {
        Node[] nodes = [new("x1", "x", []), new("x2", "x", []), new("x3", "x", []), new("y1", "y", []), new("y2", "y", []), new("y3", "y", [])];
        var running = new ConcurrentDictionary<string, int>();
        var peak = new ConcurrentDictionary<string, int>();
        var total = 0;
        var peakTotal = 0;

        await new DagScheduler(nodes, 3, kind => kind == "x" ? 1 : null, keepGoing: false).RunAsync(async (node, _) =>
        {
            var kind = nodes[node].Kind;
            var now = running.AddOrUpdate(kind, 1, (_, n) => n + 1);
            peak.AddOrUpdate(kind, now, (_, p) => Math.Max(p, now));
            var all = Interlocked.Increment(ref total);
            InterlockedMax(ref peakTotal, all);
            await Task.Delay(10);
            running.AddOrUpdate(kind, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref total);
            return NodeState.Succeeded;
        }, default).Within();

        peak["x"].Should().Be(1);
        peakTotal.Should().BeLessThanOrEqualTo(3);
    }

    [Fact]
    public async Task Node_with_two_prerequisites_waits_for_both()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new ConcurrentQueue<string>();

        var run = new DagScheduler(Diamond, 4, _ => null, keepGoing: false).RunAsync(async (node, _) =>
        {
            if (Diamond[node].Name == "c")
            {
                await release.Task;
            }

            order.Enqueue(Diamond[node].Name);
            return NodeState.Succeeded;
        }, default);

        await WaitUntil(() => order.Contains("b") && order.Contains("e"));
        order.Should().NotContain("d");
        release.SetResult();
        await run.Within();
        order.Last().Should().Be("d");
    }

    [Fact]
    public async Task Random_dags_run_every_node_after_its_prerequisites_and_skip_exactly_what_depends_on_failures()
    {
        var random = new Random(7);
        for (var round = 0; round < 100; round++)
        {
            var count = random.Next(1, 25);
            var nodes = Enumerable.Range(0, count)
                .Select(i => new Node($"n{i}", random.Next(2) == 0 ? "x" : "y", Enumerable.Range(0, i).Where(_ => random.NextDouble() < 0.2).ToList()))
                .ToList();
            var failing = Enumerable.Range(0, count).Where(_ => random.NextDouble() < 0.1).ToHashSet();
            var done = new ConcurrentDictionary<int, bool>();

            var skipped = await new DagScheduler(nodes, random.Next(1, 5), k => k == "x" ? 1 : null, keepGoing: true).RunAsync(async (node, _) =>
            {
                nodes[node].WaitsFor.Where(w => !done.ContainsKey(w)).Should().BeEmpty("a node starts only after its prerequisites succeeded");
                await Task.Yield();
                done[node] = true;
                return failing.Contains(node) ? NodeState.Failed : NodeState.Succeeded;
            }, default).Within();

            var expectedSkipped = Enumerable.Range(0, count).Where(i => DependsOnAny(nodes, i, failing)).ToList();
            skipped.Select(s => s.Node).Should().Equal(expectedSkipped);
            done.Keys.Order().Should().Equal(Enumerable.Range(0, count).Except(expectedSkipped));
        }
    }

    private static bool DependsOnAny(IReadOnlyList<Node> nodes, int node, HashSet<int> failing) =>
        nodes[node].WaitsFor.Any(w => failing.Contains(w) || DependsOnAny(nodes, w, failing));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TaskTimeouts.Default;
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold soon");
            await Task.Delay(1);
        }
    }
}