namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// The agent's public addresses: one <see cref="ProxyListener"/> per <c>listen</c> address, shared by every
/// service claiming it and routing by Host and path, and one <see cref="HttpChallengeListener"/> per
/// <c>http_listen</c> address. A listener is bound when its first service switches and closed with its last.
/// </summary>
internal sealed class SharedListeners(Http01ChallengeStore challenges, ILoggerFactory logging, TimeProvider time) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Attached> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<IPEndPoint, ProxyListener> _listeners = [];
    private readonly Dictionary<IPEndPoint, HttpChallengeListener> _challengeListeners = [];

    // Releases between binding an http_listen for their ACME order and their switch: the listener stays for them.
    private readonly Dictionary<IPEndPoint, int> _pendingChallenges = [];
    private readonly Http01ChallengeStore _challenges = challenges;

    /// <summary>Why <paramref name="spec"/> cannot have its routes (another service has them), or null.</summary>
    public async Task<string?> FindClashAsync(ServiceSpec spec, IEnumerable<ServiceSpec> pending)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var incoming = ClaimOf(spec);
            var others = _services.Values.Select(a => a.Claim).Concat(pending.Select(ClaimOf)).Where(c => c.Service != incoming.Service);
            return others.Select(other => RouteClaim.Clash(other, incoming)).FirstOrDefault(clash => clash is not null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Binds <paramref name="httpListen"/> (if not yet) so ACME challenges are answered before the switch; the
    /// listener stays at least until <see cref="EndChallengesAsync"/>.
    /// </summary>
    public async Task BeginChallengesAsync(string httpListen, CancellationToken ct)
    {
        var endpoint = ListenAddress.Parse(httpListen);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await ChallengeListenerAsync(endpoint, ct).ConfigureAwait(false);
            _pendingChallenges[endpoint] = _pendingChallenges.GetValueOrDefault(endpoint) + 1;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The release no longer needs its challenge listener; it closes unless a service or another release uses it.</summary>
    public async Task EndChallengesAsync(string httpListen)
    {
        var endpoint = ListenAddress.Parse(httpListen);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_pendingChallenges.TryGetValue(endpoint, out var count))
            {
                if (count <= 1)
                {
                    _pendingChallenges.Remove(endpoint);
                }
                else
                {
                    _pendingChallenges[endpoint] = count - 1;
                }
            }

            await CloseUnusedChallengeListenersAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Routes <paramref name="spec"/>'s hosts and prefix on its address to <paramref name="proxy"/>, binding the address
    /// first if no service held it, and leaves the address it had before. Requests that start afterwards see the new routes.
    /// </summary>
    public async Task AttachAsync(ServiceSpec spec, ServiceProxy proxy, ICertificateSource? certificate, CancellationToken ct)
    {
        var claim = ClaimOf(spec);
        var route = new ProxyRoute(spec.Id, spec.Hosts, spec.PathPrefix, proxy, certificate);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Checked again here: a release of another service may have claimed the same route since this one was accepted.
            if (_services.Values.Where(a => a.Claim.Service != spec.Id).Select(a => RouteClaim.Clash(a.Claim, claim)).FirstOrDefault(c => c is not null) is { } clash)
            {
                throw new ReleaseFailedException(clash, hint: "give the services different 'hosts' or 'path_prefix', or different 'listen' addresses");
            }

            var listener = await ListenerAsync(claim.Listen, spec.Tls is not null, spec.Id, ct).ConfigureAwait(false);
            if (spec.HttpListen is { } http)
            {
                await ChallengeListenerAsync(ListenAddress.Parse(http), ct).ConfigureAwait(false);
            }

            var previous = _services.GetValueOrDefault(spec.Id);
            _services[spec.Id] = new Attached(claim, route);
            Publish(listener.Options.Endpoint);
            PublishRedirects();
            if (previous is not null && !previous.Claim.Listen.Equals(claim.Listen))
            {
                await PublishOrCloseAsync(previous.Claim.Listen).ConfigureAwait(false);
            }

            await CloseUnusedChallengeListenersAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes the service's routes away; an address no service claims any more is closed.</summary>
    public async Task DetachAsync(string serviceId)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_services.Remove(serviceId, out var attached))
            {
                await PublishOrCloseAsync(attached.Claim.Listen).ConfigureAwait(false);
                PublishRedirects();
                await CloseUnusedChallengeListenersAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners.Values)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var listener in _challengeListeners.Values)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        _listeners.Clear();
        _challengeListeners.Clear();
        _gate.Dispose();
    }

    internal static RouteClaim ClaimOf(ServiceSpec spec) => new(
        spec.Id, ListenAddress.Parse(spec.Listen), spec.Hosts, spec.PathPrefix, spec.Tls is not null,
        spec.HttpListen is null ? null : ListenAddress.Parse(spec.HttpListen));

    private async Task<ProxyListener> ListenerAsync(IPEndPoint endpoint, bool tls, string serviceId, CancellationToken ct)
    {
        if (_listeners.TryGetValue(endpoint, out var existing))
        {
            if (existing.Options.Tls == tls)
            {
                return existing;
            }

            // Only this service holds the address (a clash check refused any other) and it turns TLS on or off:
            // the address is bound again the other way, a moment without a listener.
            if (_services.Values.Any(a => a.Claim.Listen.Equals(endpoint) && a.Claim.Service != serviceId))
            {
                throw new ReleaseFailedException($"{endpoint} is shared with other services and cannot change between HTTP and HTTPS for {serviceId} alone");
            }

            _listeners.Remove(endpoint);
            await existing.DisposeAsync().ConfigureAwait(false);
        }

        var listener = await BindAsync(endpoint, () => ProxyListener.StartAsync(Options(endpoint) with { Tls = tls }, RouteTable.Empty, ct)).ConfigureAwait(false);
        _listeners[endpoint] = listener;
        return listener;
    }

    private async Task ChallengeListenerAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        if (!_challengeListeners.ContainsKey(endpoint))
        {
            _challengeListeners[endpoint] = await BindAsync(endpoint, () => HttpChallengeListener.StartAsync(Options(endpoint), _challenges, ct)).ConfigureAwait(false);
            PublishRedirects();
        }
    }

    private static async Task<T> BindAsync<T>(IPEndPoint endpoint, Func<Task<T>> start)
    {
        try
        {
            return await start().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new ReleaseFailedException($"cannot listen on {endpoint}: {ex.Message}",
                hint: "another program holds that address (or binding a port below 1024 needs root or CAP_NET_BIND_SERVICE); choose another address or free it");
        }
    }

    private ListenerOptions Options(IPEndPoint endpoint) => new(endpoint) { InlineIoScheduling = true, LoggerFactory = logging, TimeProvider = time };

    private void Publish(IPEndPoint endpoint) =>
        _listeners[endpoint].SetRoutes(new RouteTable(_services.Values.Where(a => a.Claim.Listen.Equals(endpoint)).Select(a => a.Route).ToList()));

    private async Task PublishOrCloseAsync(IPEndPoint endpoint)
    {
        if (!_listeners.TryGetValue(endpoint, out var listener))
        {
            return;
        }

        if (_services.Values.Any(a => a.Claim.Listen.Equals(endpoint)))
        {
            Publish(endpoint);
            return;
        }

        _listeners.Remove(endpoint);
        await listener.DisposeAsync().ConfigureAwait(false);
    }

    // Each http_listen redirects a host to the HTTPS port of the service that claims it there.
    private void PublishRedirects()
    {
        foreach (var (endpoint, listener) in _challengeListeners)
        {
            var routes = _services.Values.Where(a => endpoint.Equals(a.Claim.HttpListen))
                .Select(a => a.Route with { Name = a.Claim.Listen.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                .ToList();
            listener.SetRedirects(new RouteTable(routes));
        }
    }

    private async Task CloseUnusedChallengeListenersAsync()
    {
        // A challenge listener bound for a release that then failed (or whose service left) is closed here.
        foreach (var endpoint in _challengeListeners.Keys.Where(e => !_pendingChallenges.ContainsKey(e) && !_services.Values.Any(a => e.Equals(a.Claim.HttpListen))).ToList())
        {
            if (_challengeListeners.Remove(endpoint, out var listener))
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed record Attached(RouteClaim Claim, ProxyRoute Route);
}
