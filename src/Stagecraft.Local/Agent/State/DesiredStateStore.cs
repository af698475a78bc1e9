using System.Text.Json;
using Stagecraft.Local.Agent.Protocol;

namespace Stagecraft.Local.Agent.State;

/// <summary>
/// The desired state file: read once at start, rewritten whole on every change (temp file, fsync,
/// rename), so a crash leaves either the old or the new state, never half of one. Owner-only: it
/// holds the services' environment, which may carry secrets.
/// </summary>
internal sealed class DesiredStateStore
{
    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly DesiredState _state;

    private DesiredStateStore(string path, DesiredState state)
    {
        _path = path;
        _state = state;
    }

    public static DesiredStateStore Open(string path)
    {
        if (!File.Exists(path))
        {
            return new DesiredStateStore(path, new DesiredState());
        }

        var state = JsonSerializer.Deserialize(File.ReadAllText(path), AgentJson.Default.DesiredState)
            ?? throw new InvalidDataException($"{path} is empty");
        if (state.V != 1)
        {
            throw new InvalidDataException($"{path} has version {state.V}; this agent reads version 1");
        }

        return new DesiredStateStore(path, state);
    }

    /// <summary>Reads under the lock; the callback must not keep references to what it sees.</summary>
    public T Read<T>(Func<DesiredState, T> read)
    {
        lock (_gate)
        {
            return read(_state);
        }
    }

    /// <summary>Changes the state and writes it before returning.</summary>
    public T Update<T>(Func<DesiredState, T> change)
    {
        lock (_gate)
        {
            var result = change(_state);
            Save();
            return result;
        }
    }

    public void Update(Action<DesiredState> change) => Update(state =>
    {
        change(state);
        return true;
    });

    private void Save()
    {
        var temp = _path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, _state, AgentJson.Default.DesiredState);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, _path, overwrite: true);
    }
}
