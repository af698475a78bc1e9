using System.Collections.Concurrent;
using Stagecraft.Core.Kinds;

namespace Stagecraft.TestSupport;

public sealed class MemoryStageLog : IStageLog
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<string> Statuses { get; } = new();

    public string FilePath { get; init; } = "memory.log";

    public void Line(string text) => Lines.Enqueue(text);

    public void Status(string text) => Statuses.Enqueue(text);

    public IReadOnlyList<string> Tail(int count) => Lines.Skip(Math.Max(0, Lines.Count - count)).ToList();
}
