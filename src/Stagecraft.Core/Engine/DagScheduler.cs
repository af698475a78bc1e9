namespace Stagecraft.Core.Engine;

/// <summary>
/// Runs nodes of a DAG as soon as their own prerequisites are done (no waves), at most
/// <c>parallelism</c> at once and at most a kind's cap of one kind at once. Ready nodes start in
/// a fixed priority order, so runs are reproducible.
/// </summary>
public sealed class DagScheduler(IReadOnlyList<DagScheduler.Node> nodes, int parallelism, Func<string, int?> kindCap, bool keepGoing)
{
    private readonly IReadOnlyList<Node> _nodes = nodes;
    private readonly int _parallelism = Math.Max(1, parallelism);

    /// <summary>A node: its id is its index in the list; <paramref name="WaitsFor"/> are ids that must succeed first.</summary>
    public sealed record Node(string Name, string Kind, IReadOnlyList<int> WaitsFor);

    /// <summary>Why a node did not run.</summary>
    public sealed record Skip(int Node, string Reason);

    /// <summary>Runs everything; returns the nodes that never ran with the reason.</summary>
    public async Task<IReadOnlyList<Skip>> RunAsync(Func<int, CancellationToken, Task<NodeState>> run, CancellationToken cancellationToken)
    {
        var count = _nodes.Count;
        var remaining = new int[count];
        var dependents = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            dependents[i] = [];
        }

        for (var i = 0; i < count; i++)
        {
            remaining[i] = _nodes[i].WaitsFor.Count;
            foreach (var w in _nodes[i].WaitsFor)
            {
                dependents[w].Add(i);
            }
        }

        var ready = new SortedSet<int>(Enumerable.Range(0, count).Where(i => remaining[i] == 0));
        var running = new Dictionary<Task<NodeState>, int>();
        var perKind = new Dictionary<string, int>(StringComparer.Ordinal);
        var skipped = new Dictionary<int, string>();
        string? stopReason = null;

        while (true)
        {
            while (stopReason is null && !cancellationToken.IsCancellationRequested && running.Count < _parallelism && TakeReady(ready, perKind, out var next))
            {
                perKind[_nodes[next].Kind] = perKind.GetValueOrDefault(_nodes[next].Kind) + 1;
                running[StartAsync(run, next, cancellationToken)] = next;
            }

            if (running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var node = running[finished];
            running.Remove(finished);
            perKind[_nodes[node].Kind]--;
            var state = await finished.ConfigureAwait(false);
            if (state == NodeState.Succeeded)
            {
                foreach (var d in dependents[node])
                {
                    if (--remaining[d] == 0 && !skipped.ContainsKey(d))
                    {
                        ready.Add(d);
                    }
                }

                continue;
            }

            var name = _nodes[node].Name;
            var what = state switch
            {
                NodeState.Failed => "failed",
                NodeState.Waiting => "waits for approval",
                _ => "was interrupted",
            };
            SkipDependents(node, dependents, skipped, $"depends on {name}, which {what}");
            if (state == NodeState.Failed && !keepGoing)
            {
                stopReason ??= $"the run stopped after {name} failed";
            }
        }

        var reasonForRest = cancellationToken.IsCancellationRequested ? "the run was interrupted" : stopReason ?? "not started";
        for (var i = 0; i < count; i++)
        {
            if (!skipped.ContainsKey(i) && (ready.Contains(i) || remaining[i] > 0))
            {
                skipped[i] = reasonForRest;
            }
        }

        return skipped.OrderBy(s => s.Key).Select(s => new Skip(s.Key, s.Value)).ToList();
    }

    private static async Task<NodeState> StartAsync(Func<int, CancellationToken, Task<NodeState>> run, int node, CancellationToken cancellationToken)
    {
        // Yield so a node that completes synchronously cannot starve the dispatch loop.
        await Task.Yield();
        return await run(node, cancellationToken).ConfigureAwait(false);
    }

    private bool TakeReady(SortedSet<int> ready, Dictionary<string, int> perKind, out int next)
    {
        foreach (var candidate in ready)
        {
            var cap = kindCap(_nodes[candidate].Kind);
            if (cap is null || perKind.GetValueOrDefault(_nodes[candidate].Kind) < cap)
            {
                ready.Remove(candidate);
                next = candidate;
                return true;
            }
        }

        next = -1;
        return false;
    }

    private static void SkipDependents(int node, List<int>[] dependents, Dictionary<int, string> skipped, string reason)
    {
        var stack = new Stack<int>(dependents[node]);
        while (stack.TryPop(out var d))
        {
            if (skipped.TryAdd(d, reason))
            {
                foreach (var next in dependents[d])
                {
                    stack.Push(next);
                }
            }
        }
    }
}
