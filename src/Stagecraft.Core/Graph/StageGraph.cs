namespace Stagecraft.Core.Graph;

/// <summary>
/// The dependency graph of a project's stages (edges from depends_on and from references).
/// Stages are numbered in file order; that order breaks ties so every walk is deterministic.
/// </summary>
public sealed class StageGraph
{
    private readonly Dictionary<string, int> _index;
    private readonly int[][] _upstream;
    private readonly int[][] _downstream;
    private int[]? _order;

    public StageGraph(IReadOnlyList<string> names, Func<string, IEnumerable<string>> upstreamOf)
    {
        Names = names;
        _index = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            _index[names[i]] = i;
        }

        _upstream = new int[names.Count][];
        var downstream = new List<int>[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            downstream[i] = [];
        }

        for (var i = 0; i < names.Count; i++)
        {
            _upstream[i] = upstreamOf(names[i]).Where(_index.ContainsKey).Select(n => _index[n]).Distinct().ToArray();
            foreach (var u in _upstream[i])
            {
                downstream[u].Add(i);
            }
        }

        _downstream = downstream.Select(d => d.ToArray()).ToArray();
    }

    public static StageGraph From(ProjectDefinition project) =>
        From(project.Stages);

    public static StageGraph From(IReadOnlyList<StageDefinition> stages)
    {
        var byName = stages.ToDictionary(s => s.Name, StringComparer.Ordinal);
        return new StageGraph(stages.Select(s => s.Name).ToList(), n => byName[n].Upstream);
    }

    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    public bool Contains(string name) => _index.ContainsKey(name);

    public int IndexOf(string name) => _index[name];

    public IReadOnlyList<int> UpstreamOf(int stage) => _upstream[stage];

    public IReadOnlyList<int> DownstreamOf(int stage) => _downstream[stage];

    public IEnumerable<string> UpstreamOf(string name) => _upstream[_index[name]].Select(i => Names[i]);

    public IEnumerable<string> DownstreamOf(string name) => _downstream[_index[name]].Select(i => Names[i]);

    /// <summary>Stages in dependency order, file order among equals. Throws if the graph has a cycle.</summary>
    public IReadOnlyList<int> TopologicalOrder()
    {
        if (_order is not null)
        {
            return _order;
        }

        var remaining = _upstream.Select(u => u.Length).ToArray();
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < Count; i++)
        {
            if (remaining[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(Count);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var d in _downstream[next])
            {
                if (--remaining[d] == 0)
                {
                    ready.Enqueue(d, d);
                }
            }
        }

        if (order.Count != Count)
        {
            throw new InvalidOperationException("the stage graph has a cycle: " + string.Join(" -> ", FindCycles()[0]));
        }

        _order = order.ToArray();
        return _order;
    }

    /// <summary>Every cycle, each as a path that returns to its start (a -> b -> c -> a).</summary>
    public IReadOnlyList<IReadOnlyList<string>> FindCycles() => CycleFinder.Find(this);

    /// <summary>The given stages and everything they depend on, transitively.</summary>
    public HashSet<int> WithUpstream(IEnumerable<int> stages) => Closure(stages, _upstream);

    /// <summary>The given stages and everything that depends on them, transitively.</summary>
    public HashSet<int> WithDownstream(IEnumerable<int> stages) => Closure(stages, _downstream);

    /// <summary>Length in stages of the longest path ending at each stage (1 for a stage with no upstream).</summary>
    public int[] Depths()
    {
        var depth = new int[Count];
        foreach (var i in TopologicalOrder())
        {
            depth[i] = 1 + (_upstream[i].Length == 0 ? 0 : _upstream[i].Max(u => depth[u]));
        }

        return depth;
    }

    private static HashSet<int> Closure(IEnumerable<int> start, int[][] edges)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(start);
        while (stack.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var e in edges[next])
                {
                    stack.Push(e);
                }
            }
        }

        return seen;
    }
}
