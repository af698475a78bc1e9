using System.Runtime.ExceptionServices;

namespace Stagecraft.Host.Processes;

/// <summary>
/// Hands lines from both output streams to one callback, one at a time, and drops lines that
/// arrive after the run ended (from a background process the program left behind). A callback
/// that throws (a log that cannot be written) is remembered, not raised on the reading thread:
/// reading must go on, or the child would block on a full pipe and hang the run.
/// </summary>
internal sealed class LineSink(Action<ProcessLine> target)
{
    private readonly object _gate = new();
    private ExceptionDispatchInfo? _failure;
    private bool _closed;

    public void Write(ProcessLine line)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            try
            {
                target(line);
            }
            catch (Exception ex)
            {
                _failure = ExceptionDispatchInfo.Capture(ex);
                _closed = true;
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

    /// <summary>Raises what the callback threw, if it did.</summary>
    public void ThrowIfFailed()
    {
        lock (_gate)
        {
            _failure?.Throw();
        }
    }
}
