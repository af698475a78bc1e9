using Stagecraft.Local.Agent.Rollouts;

namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// One service in the running agent: its proxy on the public address, the live release's instances, and
/// the one release that may be in progress. Releases themselves are run by <see cref="ReleaseRunner"/>.
/// </summary>
internal sealed class ServiceRuntime(AgentContext agent, string id) : IAsyncDisposable
{
    private readonly AgentContext _agent = agent;
    private readonly Lock _gate = new();
    private readonly HealthProbe _probe = new();
    private CancellationTokenSource? _abort;
    private string? _releasing;
    private string? _releasingSince;
    private ReleaseInstances? _live;
    private AccessLogFile? _accessLog;
    private RolloutController? _rollout;

    public string Id { get; } = id;

    public ServiceProxy? Proxy { get; private set; }

    public ReleaseInstances? Live
    {
        get
        {
            lock (_gate)
            {
                return _live;
            }
        }
    }

    /// <summary>The spec of the release in progress (before its switch), so another service's release cannot claim its routes meanwhile.</summary>
    public ServiceSpec? PendingSpec { get; set; }

    /// <summary>The progressive rollout in progress, while one runs; 'rollout promote|abort' act on it.</summary>
    public RolloutController? Rollout
    {
        get => Volatile.Read(ref _rollout);
        set => Volatile.Write(ref _rollout, value);
    }

    /// <summary>Set when the service could not be brought back (after an agent restart).</summary>
    public string? Problem { get; set; }

    public string? Releasing
    {
        get
        {
            lock (_gate)
            {
                return _releasing;
            }
        }
    }

    /// <summary>Claims the service for one release; false (and who holds it) when another is in progress.</summary>
    public bool TryBeginRelease(string what, string? client, out CancellationToken abort, out string? busy)
    {
        lock (_gate)
        {
            if (_releasing is not null)
            {
                busy = $"{_releasing} (started {_releasingSince})";
                abort = CancellationToken.None;
                return false;
            }

            _releasing = what;
            _releasingSince = $"{_agent.Time.GetUtcNow():HH:mm:ss}{(client is null ? "" : " by " + client)}";
            _abort = new CancellationTokenSource();
            abort = _abort.Token;
            busy = null;
            return true;
        }
    }

    public void EndRelease()
    {
        lock (_gate)
        {
            _releasing = null;
            _abort?.Dispose();
            _abort = null;
        }
    }

    /// <summary>Asks the release in progress to stop before its switch; false when there is none.</summary>
    public bool Abort()
    {
        lock (_gate)
        {
            if (_abort is null)
            {
                return false;
            }

            _abort.Cancel();
            return true;
        }
    }

    public void SetLive(ReleaseInstances? live)
    {
        lock (_gate)
        {
            _live = live;
        }

        if (live is not null)
        {
            // A restarted instance takes traffic again only once its health check passes.
            live.OnRestarted = instance => _ = ReadmitAsync(live, instance);
        }
    }

    /// <summary>
    /// The service's proxy, routed from its address with its hosts and prefix (the address is bound when no service held it;
    /// one the service leaves is given up). Its certificate source is <paramref name="certificate"/> (null: plain HTTP).
    /// </summary>
    public async Task<ServiceProxy> EnsureProxyAsync(ServiceSpec spec, ICertificateSource? certificate, CancellationToken cancellationToken)
    {
        var proxy = Proxy ??= ServiceProxy.Create(new ProxyOptions(ListenAddress.Parse(spec.Listen))
        {
            ServiceName = Id,
            InlineIoScheduling = true,
            LoggerFactory = _agent.Logging,
            TimeProvider = _agent.Time,
            AccessLog = _accessLog = new AccessLogFile(_agent.AccessLog(Id), spec.Logs.MaxBytes, spec.Logs.Keep, _agent.Time),
            Metrics = _agent.Metrics?.For(Id),
        });
        proxy.TrustedProxies = TrustedProxyList.Parse(spec.TrustedProxies);
        await _agent.Listeners.AttachAsync(spec, proxy, certificate, cancellationToken).ConfigureAwait(false);
        return proxy;
    }

    /// <summary>Health-checks each instance in the background and puts it in rotation once healthy.</summary>
    public void AdmitWhenHealthy(ReleaseInstances live)
    {
        foreach (var instance in live.Instances)
        {
            live.Pool.MarkUnhealthy(instance.Uri);
            _ = ReadmitAsync(live, instance);
        }
    }

    public ServiceStatus Describe(string listen) =>
        ServiceDescription.Of(this, listen, _agent.Store.Read(s => s.Services.GetValueOrDefault(Id)?.Releases.Select(r => r.Id).ToList()) ?? []);

    public async Task StopAsync()
    {
        if (Proxy is { } proxy)
        {
            await _agent.Listeners.DetachAsync(Id).ConfigureAwait(false);
            proxy.Route(null);
            await proxy.DisposeAsync().ConfigureAwait(false);
            Proxy = null;
            _accessLog?.Dispose();
            _accessLog = null;
        }

        if (Live is { } live)
        {
            await live.StopAsync(live.Record.Spec.StopTimeout).ConfigureAwait(false);
            SetLive(null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _probe.Dispose();
    }

    private async Task ReadmitAsync(ReleaseInstances live, SupervisedInstance instance)
    {
        var process = instance.Current;
        if (process is null)
        {
            return;
        }

        var spec = live.Record.Spec.Health;
        var gate = new HealthGate(spec, ct => _probe.CheckAsync(instance.Uri, spec, ct), _agent.Time);
        var exited = process.Exited.ContinueWith(t => "exited", TaskScheduler.Default);
        var outcome = await gate.WaitAsync(exited, null, CancellationToken.None).ConfigureAwait(false);
        if (outcome.IsHealthy && ReferenceEquals(instance.Current, process) && ReferenceEquals(Live, live))
        {
            live.Pool.MarkHealthy(instance.Uri);
            instance.Log.Write("# healthy: back in rotation", "agent");
        }
    }
}
