namespace Stagecraft.Core.Engine;

/// <summary>A stage's log file for one run; lines are masked before they reach the disk.</summary>
public sealed class StageLogFile : IStageLog, IDisposable
{
    private const int TailCapacity = 200;
    private readonly object _gate = new();
    private readonly StreamWriter _writer;
    private readonly SecretMasker _masker;
    private readonly Action<string> _status;
    private readonly Queue<string> _tail = new();

    public StageLogFile(string path, SecretMasker masker, Action<string> status)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FilePath = path;
        _masker = masker;
        _status = status;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    public string FilePath { get; }

    public void Line(string text)
    {
        var masked = _masker.Apply(text);
        lock (_gate)
        {
            _writer.WriteLine(masked);
            _tail.Enqueue(masked);
            if (_tail.Count > TailCapacity)
            {
                _tail.Dequeue();
            }
        }
    }

    public void Status(string text) => _status(_masker.Apply(text));

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_gate)
        {
            return _tail.Skip(Math.Max(0, _tail.Count - count)).ToList();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }
}
