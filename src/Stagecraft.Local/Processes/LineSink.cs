namespace Stagecraft.Local.Processes;

/// <summary>
/// Hands lines from both output streams to one callback, one at a time, and drops lines that
/// arrive after the run ended (from a background process the program left behind).
/// </summary>
internal sealed class LineSink
{
    private readonly object _gate = new();
    private readonly Action<ProcessLine> _target;
    private bool _closed;

    public LineSink(Action<ProcessLine> target)
    {
        _target = target;
    }

    public void Write(ProcessLine line)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                _target(line);
            }
        }
    }

    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }
}
