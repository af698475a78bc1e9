namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// An owner-only log file that rolls over by size: past <c>maxBytes</c> the file becomes .1 (the older
/// .1 becomes .2, and so on) and at most <c>keep</c> rolled files stay. Keeps the last lines in memory
/// for failure reports. Safe to write from several threads.
/// </summary>
internal sealed class RotatingLog : IDisposable
{
    private const int TailCapacity = 200;
    private readonly Lock _gate = new();
    private readonly long _maxBytes;
    private readonly int _keep;
    private readonly TimeProvider _time;
    private readonly Queue<string> _tail = new();
    private FileStream? _stream;
    private long _size;

    public RotatingLog(string path, long maxBytes, int keep, TimeProvider? time = null)
    {
        Path = path;
        _maxBytes = Math.Max(1024, maxBytes);
        _keep = Math.Max(0, keep);
        _time = time ?? TimeProvider.System;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        Open();
    }

    public string Path { get; }

    /// <summary>Appends one line, prefixed with the time and, when given, a source tag.</summary>
    public void Write(string line, string? source = null)
    {
        var stamp = _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var text = source is null ? $"{stamp} {line}\n" : $"{stamp} {source} {line}\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        lock (_gate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailCapacity)
            {
                _tail.Dequeue();
            }

            if (_stream is null)
            {
                return;
            }

            if (_size > 0 && _size + bytes.Length > _maxBytes)
            {
                Rotate();
            }

            try
            {
                _stream!.Write(bytes);
                _stream.Flush();
                _size += bytes.Length;
            }
            catch (IOException)
            {
                // A full disk must not take the agent down with it; the tail in memory still has the line.
            }
        }
    }

    /// <summary>Appends one line as given (a JSON access-log record), without a time prefix and without keeping it in the tail.</summary>
    public void WriteRaw(ReadOnlySpan<byte> line)
    {
        lock (_gate)
        {
            if (_stream is null)
            {
                return;
            }

            if (_size > 0 && _size + line.Length + 1 > _maxBytes)
            {
                Rotate();
            }

            try
            {
                _stream!.Write(line);
                _stream.WriteByte((byte)'\n');
                _stream.Flush();
                _size += line.Length + 1;
            }
            catch (IOException)
            {
                // A full disk must not take the agent down with it.
            }
        }
    }

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
            _stream?.Dispose();
            _stream = null;
        }
    }

    private void Rotate()
    {
        _stream?.Dispose();
        _stream = null;
        try
        {
            if (_keep == 0)
            {
                File.Delete(Path);
            }
            else
            {
                File.Delete($"{Path}.{_keep}");
                for (var i = _keep - 1; i >= 1; i--)
                {
                    if (File.Exists($"{Path}.{i}"))
                    {
                        File.Move($"{Path}.{i}", $"{Path}.{i + 1}");
                    }
                }

                File.Move(Path, Path + ".1");
            }
        }
        catch (IOException)
        {
            // Could not roll (someone holds or removed a file): keep appending to the current one.
        }

        Open();
    }

    private void Open()
    {
        try
        {
            _stream = OwnerOnly.Open(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            _size = _stream.Length;
        }
        catch (IOException)
        {
            _stream = null;
        }
    }
}
