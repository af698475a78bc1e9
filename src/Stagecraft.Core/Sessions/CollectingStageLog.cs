using System.Collections.Concurrent;

namespace Stagecraft.Core.Sessions;

/// <summary>A log kept in memory, for work outside a run ('plan --remote') that has no log file.</summary>
internal sealed class CollectingStageLog : IStageLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string FilePath => "";

    public void Line(string text) => _lines.Enqueue(text);

    public void Status(string text)
    {
    }

    public IReadOnlyList<string> Tail(int count) => _lines.Skip(Math.Max(0, _lines.Count - count)).ToList();
}
