namespace Stagecraft.Local.Proxy;

/// <summary>
/// One release's set of backend instances (for example "green"). The backend list is fixed; health and
/// counters change while it serves.
/// </summary>
public sealed class BackendPool
{
    private readonly BackendTarget[] _targets;

    // 1 = takes traffic. Flipped from outside by the agent's health checker, read on every request.
    private readonly int[] _healthy;

    // Guards the live-lease list, the in-flight count and the idle waiter so a drain sees them consistently.
    private readonly Lock _gate = new();
    private RequestLease? _head;
    private int _inFlight;
    private long _requests;
    private long _serverErrors;
    private TaskCompletionSource? _idle;
    private uint _next;
    private int _role;

    public BackendPool(string id, IReadOnlyList<Uri> backends)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(backends);

        var copy = new Uri[backends.Count];
        _targets = new BackendTarget[copy.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            var uri = backends[i] ?? throw new ArgumentException("Backend list contains null.", nameof(backends));
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"Backend '{uri}' must be an absolute http or https URI.", nameof(backends));
            }

            if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                throw new ArgumentException($"Backend '{uri}' must not have a query or fragment.", nameof(backends));
            }

            copy[i] = uri;
            _targets[i] = new BackendTarget(uri, i);
        }

        _healthy = new int[copy.Length];
        Array.Fill(_healthy, 1);
        Id = id;
        Backends = Array.AsReadOnly(copy);
    }

    public string Id { get; }

    /// <summary>How metrics label this pool's requests; a rollout marks the pool it weighs in as <see cref="TrafficRole.Candidate"/>.</summary>
    public TrafficRole Role
    {
        get => (TrafficRole)Volatile.Read(ref _role);
        set => Volatile.Write(ref _role, (int)value);
    }

    public IReadOnlyList<Uri> Backends { get; }

    /// <summary>Requests and open websockets currently being served through this pool.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests (and websocket sessions) that have ended, whatever their outcome.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Backend responses with status 500 or more, plus failures to pick, connect to or forward to a backend.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    public void MarkUnhealthy(Uri backend) => SetHealth(backend, 0);

    public void MarkHealthy(Uri backend) => SetHealth(backend, 1);

    public override string ToString() => Id;

    /// <summary>Next healthy backend in round-robin order; null if none is healthy.</summary>
    internal BackendTarget? PickBackend() => PickFrom(Interlocked.Increment(ref _next), skip: null);

    /// <summary>
    /// The healthy backend following <paramref name="failed"/>, for a single retry. It leaves the rotation
    /// alone so one dead instance does not skew the spread of later requests.
    /// </summary>
    internal BackendTarget? PickAfter(BackendTarget failed) => PickFrom((uint)failed.Index + 1, skip: failed);

    private BackendTarget? PickFrom(uint start, BackendTarget? skip)
    {
        var count = (uint)_targets.Length;
        for (uint i = 0; i < count; i++)
        {
            var target = _targets[(int)((start + i) % count)];
            if (!ReferenceEquals(target, skip) && Volatile.Read(ref _healthy[target.Index]) == 1)
            {
                return target;
            }
        }

        return null;
    }

    internal void Enter(RequestLease lease)
    {
        lock (_gate)
        {
            lease.Next = _head;
            if (_head is not null)
            {
                _head.Previous = lease;
            }

            _head = lease;
            _inFlight++;
        }
    }

    /// <summary>Removes a lease; <paramref name="counted"/> is false when the request never ran on this pool.</summary>
    internal void Exit(RequestLease lease, bool counted = true)
    {
        lease.MarkFinished();
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (lease.Previous is not null)
            {
                lease.Previous.Next = lease.Next;
            }
            else
            {
                _head = lease.Next;
            }

            if (lease.Next is not null)
            {
                lease.Next.Previous = lease.Previous;
            }

            lease.Previous = lease.Next = null;
            if (counted)
            {
                Interlocked.Increment(ref _requests);
            }

            if (--_inFlight == 0)
            {
                idle = _idle;
                _idle = null;
            }
        }

        // Completed outside the lock; continuations run asynchronously anyway.
        idle?.TrySetResult();
    }

    internal void CountServerError() => Interlocked.Increment(ref _serverErrors);

    /// <summary>Completed-request count now, and a task that completes when nothing is in flight.</summary>
    internal (long Requests, Task Idle) ObserveIdle()
    {
        lock (_gate)
        {
            if (_inFlight == 0)
            {
                return (_requests, Task.CompletedTask);
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return (_requests, _idle.Task);
        }
    }

    /// <summary>Completed-request count now, and every lease still in flight.</summary>
    internal (long Requests, RequestLease[] Live) SnapshotLive()
    {
        lock (_gate)
        {
            var live = new RequestLease[_inFlight];
            var i = 0;
            for (var lease = _head; lease is not null; lease = lease.Next)
            {
                live[i++] = lease;
            }

            return (_requests, live);
        }
    }

    private void SetHealth(Uri backend, int value)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var found = false;
        foreach (var target in _targets)
        {
            if (target.Uri == backend)
            {
                Volatile.Write(ref _healthy[target.Index], value);
                found = true;
            }
        }

        if (!found)
        {
            throw new ArgumentException($"Backend '{backend}' is not in pool '{Id}'.", nameof(backend));
        }
    }
}
