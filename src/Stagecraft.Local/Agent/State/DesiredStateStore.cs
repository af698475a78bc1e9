namespace Stagecraft.Local.Agent.State;

/// <summary>
/// The desired state file: read once at start, rewritten whole on every change (temp file, fsync,
/// rename), so a crash leaves either the old or the new state, never half of one. Owner-only, and
/// the secret values in the services' environment are written sealed (<see cref="SpecSealer"/>).
/// </summary>
internal sealed class DesiredStateStore
{
    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly DesiredState _state;
    private readonly SpecSealer _sealer;

    private DesiredStateStore(string path, DesiredState state, SpecSealer sealer)
    {
        _path = path;
        _state = state;
        _sealer = sealer;
    }

    public static DesiredStateStore Open(string path)
    {
        var sealer = SpecSealer.For(path);
        if (!File.Exists(path))
        {
            return new DesiredStateStore(path, new DesiredState(), sealer);
        }

        var state = JsonSerializer.Deserialize(File.ReadAllText(path), AgentJson.Default.DesiredState)
            ?? throw new InvalidDataException($"{path} is empty");
        if (state.V != 1)
        {
            throw new InvalidDataException($"{path} has version {state.V}; this agent reads version 1");
        }

        try
        {
            foreach (var release in state.Services.Values.SelectMany(s => s.Releases))
            {
                release.Spec = sealer.Open(release.Spec);
            }
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new InvalidDataException($"{path} holds secret values that agent.key beside it cannot open (the key was replaced or the file edited); deploy the services again after removing both", ex);
        }

        return new DesiredStateStore(path, state, sealer);
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
        OwnerOnly.Replace(_path, JsonSerializer.SerializeToUtf8Bytes(Sealed(), AgentJson.Default.DesiredState), durable: true);
    }

    // A copy for the file: the live state keeps the opened values the agent runs services with.
    private DesiredState Sealed() => new()
    {
        V = _state.V,
        Services = _state.Services.ToDictionary(e => e.Key, e => new ServiceState
        {
            Id = e.Value.Id,
            Live = e.Value.Live,
            NextSequence = e.Value.NextSequence,
            Instances = e.Value.Instances,
            Releases = e.Value.Releases.Select(r => new ReleaseRecord { Id = r.Id, Revision = r.Revision, CreatedAt = r.CreatedAt, Spec = _sealer.Seal(r.Spec) }).ToList(),
        }, StringComparer.Ordinal),
    };
}
