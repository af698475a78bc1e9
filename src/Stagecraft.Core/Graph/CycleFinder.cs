namespace Stagecraft.Core.Graph;

/// <summary>
/// Finds cycles with Tarjan's strongly connected components, then walks each component to
/// print one concrete path, so the error names the whole loop rather than one edge.
/// </summary>
internal static class CycleFinder
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(StageGraph graph)
    {
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var component in StronglyConnected(graph))
        {
            var members = component.ToHashSet();
            var selfLoop = component.Count == 1 && graph.UpstreamOf(component[0]).Contains(component[0]);
            if (component.Count > 1 || selfLoop)
            {
                cycles.Add(PathThrough(graph, component.Min(), members));
            }
        }

        return cycles.OrderBy(c => graph.IndexOf(c[0])).ToList();
    }

    // A path from 'start' along "depends on" edges inside the component back to 'start' (a -> b: a depends on b).
    private static List<string> PathThrough(StageGraph graph, int start, HashSet<int> members)
    {
        var previous = new Dictionary<int, int>();
        var queue = new Queue<int>();
        queue.Enqueue(start);
        while (queue.TryDequeue(out var node))
        {
            foreach (var next in graph.UpstreamOf(node).OrderBy(n => n))
            {
                if (!members.Contains(next))
                {
                    continue;
                }

                if (next == start)
                {
                    var path = new List<int> { start };
                    for (var at = node; at != start; at = previous[at])
                    {
                        path.Add(at);
                    }

                    path.Add(start);
                    path.Reverse();
                    return path.Select(i => graph.Names[i]).ToList();
                }

                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [graph.Names[start], graph.Names[start]];
    }

    private static List<List<int>> StronglyConnected(StageGraph graph)
    {
        var index = 0;
        var indices = new int[graph.Count];
        var low = new int[graph.Count];
        var onStack = new bool[graph.Count];
        Array.Fill(indices, -1);
        var stack = new Stack<int>();
        var result = new List<List<int>>();

        // Iterative Tarjan: deep graphs (10,000 stages in a chain) must not overflow the call stack.
        for (var root = 0; root < graph.Count; root++)
        {
            if (indices[root] >= 0)
            {
                continue;
            }

            var work = new Stack<(int Node, int Edge)>();
            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                if (edge == 0)
                {
                    indices[node] = low[node] = index++;
                    stack.Push(node);
                    onStack[node] = true;
                }

                var edges = graph.DownstreamOf(node);
                if (edge < edges.Count)
                {
                    work.Push((node, edge + 1));
                    var next = edges[edge];
                    if (indices[next] < 0)
                    {
                        work.Push((next, 0));
                    }
                    else if (onStack[next])
                    {
                        low[node] = Math.Min(low[node], indices[next]);
                    }

                    continue;
                }

                if (low[node] == indices[node])
                {
                    var component = new List<int>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(member);
                    }
                    while (member != node);
                    result.Add(component);
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return result;
    }
}
