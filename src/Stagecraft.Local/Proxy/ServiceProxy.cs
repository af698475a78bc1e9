using Microsoft.Extensions.Logging.Abstractions;

namespace Stagecraft.Local.Proxy;

/// <summary>
/// Reverse proxy in front of one service's instances on this machine. Traffic goes to whichever
/// <see cref="BackendPool"/> is routed; switching and draining pools gives zero-downtime blue/green releases.
/// </summary>
/// <remarks>
/// Drain cuts: a cut request whose response headers were not sent yet gets a 503 JSON error; one already
/// streaming its body has its connection aborted, since a short body must never pass for a whole one.
/// Cut websockets get a 1001 "going away" close frame, then the connection is closed.
/// </remarks>
public sealed class ServiceProxy : IAsyncDisposable
{
    private readonly ProxyOptions _options;
    private readonly HttpMessageInvoker _invoker;
    private readonly HttpForwarder _forwarder;
    private readonly ILogger _logger;
    private ProxyListener? _ownListener;
    private BackendPool? _current;
    private TrafficSplit? _split;
    private int _disposed;

    private ServiceProxy(ProxyOptions options)
    {
        _options = options;
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ServiceProxy>();
        _invoker = new HttpMessageInvoker(CreateHandler(options), disposeHandler: true);
        _forwarder = new HttpForwarder(_invoker, options, _logger);
    }

    /// <summary>
    /// The endpoint bound by <see cref="StartAsync"/> (with the assigned port when 0 was asked for); for a proxy
    /// made by <see cref="Create"/>, <see cref="ProxyOptions.Listen"/>: the listener it is routed from is not its own.
    /// </summary>
    public IPEndPoint Endpoint => _ownListener?.Endpoint ?? _options.Listen;

    public string ServiceName => _options.ServiceName;

    /// <summary>Peers whose X-Forwarded-* headers are believed (see <see cref="ProxyOptions.TrustedProxies"/>); replaceable while serving.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies
    {
        get => _forwarder.TrustedProxies;
        set => _forwarder.TrustedProxies = value ?? [];
    }

    /// <summary>The pool new requests go to; null means every request gets a 502.</summary>
    public BackendPool? Current => Volatile.Read(ref _current);

    /// <summary>A proxy that listens nowhere itself: a <see cref="ProxyListener"/> routes requests to it.</summary>
    public static ServiceProxy Create(ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ServiceName);
        return new ServiceProxy(options);
    }

    /// <summary>A proxy with its own listener on <see cref="ProxyOptions.Listen"/>, serving every host and path.</summary>
    public static async Task<ServiceProxy> StartAsync(ProxyOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Listen);
        var proxy = Create(options);
        try
        {
            proxy._ownListener = await ProxyListener.StartAsync(
                new ListenerOptions(options.Listen)
                {
                    MaxRequestBodySize = options.MaxRequestBodySize,
                    InlineIoScheduling = options.InlineIoScheduling,
                    ShutdownTimeout = options.ShutdownTimeout,
                    LoggerFactory = options.LoggerFactory,
                    TimeProvider = options.TimeProvider,
                },
                new RouteTable([new ProxyRoute(options.ServiceName, [], "/", proxy)]),
                ct).ConfigureAwait(false);
            return proxy;
        }
        catch
        {
            proxy._invoker.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends every request that starts after this returns to <paramref name="pool"/> (null: answer 502).
    /// Requests already running stay where they are; drain the old pool to wait for them.
    /// </summary>
    public void Route(BackendPool? pool)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        Interlocked.Exchange(ref _current, pool);

        // After the pool: a request that still saw the split re-checks it after entering, and comes back here.
        Interlocked.Exchange(ref _split, null);
        ProxyLog.Routed(_logger, pool?.Id ?? "(none)");
    }

    /// <summary>The rollout step in force, or null when every new request goes to <see cref="Current"/>.</summary>
    public TrafficSplit? Splitting => Volatile.Read(ref _split);

    /// <summary>
    /// Shares every request that starts after this returns between the split's two pools, until the next
    /// <see cref="Split"/> or <see cref="Route"/>. <see cref="Current"/> becomes the stable pool.
    /// </summary>
    public void Split(TrafficSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        Interlocked.Exchange(ref _current, split.Stable);
        Interlocked.Exchange(ref _split, split);
        ProxyLog.Routed(_logger, $"{split.Canary.Id} {split.Percent}% / {split.Stable.Id}");
    }

    /// <summary>
    /// Waits until nothing is in flight on <paramref name="pool"/>, or until <paramref name="timeout"/>; then
    /// cuts what remains (see the type remarks for what clients see) and reports the counts.
    /// </summary>
    /// <param name="countFrom">
    /// <see cref="BackendPool.Requests"/> when the pool stopped getting new work (the switch): requests that
    /// ended since then count as finished in-flight work even if they ended before the drain began.
    /// Null counts from the drain's start.
    /// </param>
    public async Task<DrainResult> DrainAsync(BackendPool pool, TimeSpan timeout, CancellationToken ct, long? countFrom = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);

        var clock = _options.TimeProvider;
        var started = clock.GetTimestamp();
        var (requestsNow, idle) = pool.ObserveIdle();
        var requestsAtStart = countFrom is { } from && from <= requestsNow ? from : requestsNow;
        if (await CompletesWithinAsync(idle, timeout, ct).ConfigureAwait(false))
        {
            return Finish(pool, (int)(pool.Requests - requestsAtStart), 0, clock.GetElapsedTime(started));
        }

        var (requestsAtCut, live) = pool.SnapshotLive();
        var cut = 0;
        foreach (var lease in live)
        {
            if (lease.TryAbort(LeaseAbortReason.DrainCut))
            {
                cut++;
            }
        }

        // Give the cut work a moment to unwind (503s written, sockets closed) so the pool is really empty
        // when the caller stops its backends.
        var (_, afterCut) = pool.ObserveIdle();
        await CompletesWithinAsync(afterCut, _options.DrainCutGrace, ct).ConfigureAwait(false);
        return Finish(pool, (int)(requestsAtCut - requestsAtStart), cut, clock.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_ownListener is { } listener)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        _invoker.Dispose();
    }

    /// <summary>Serves one request routed to this service.</summary>
    internal Task HandleAsync(HttpContext context) => _options.AccessLog is { } log ? ForwardLoggedAsync(context, log) : ForwardAsync(context);

    // Without an access log no second state machine wraps the forwarding.
    private async Task ForwardLoggedAsync(HttpContext context, IAccessLog log)
    {
        var started = _options.TimeProvider.GetTimestamp();
        string? served = null;
        var forwarded = false;
        try
        {
            served = await ForwardAsync(context).ConfigureAwait(false);
            forwarded = true;
        }
        finally
        {
            // The release that took the request: during a rollout that is blue or green, whichever the split chose.
            log.Write(context, forwarded ? served : Current?.Id, _options.TimeProvider.GetElapsedTime(started));
        }
    }

    /// <summary>Forwards the request; returns the id of the release that served it, null when none could.</summary>
    private async Task<string?> ForwardAsync(HttpContext context)
    {
        var metrics = _options.Metrics;
        var started = metrics is null ? 0 : _options.TimeProvider.GetTimestamp();
        var lease = EnterCurrentPool(context);
        if (lease is null)
        {
            metrics?.RequestStarted(TrafficRole.Live);
            try
            {
                await ProxyErrorWriter.WriteAsync(context, StatusCodes.Status502BadGateway, ProxyErrorWriter.NoHealthyBackend, _options.ServiceName, pool: null, context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                metrics?.RequestFinished(TrafficRole.Live, ResponseClass.BackendFailed, _options.TimeProvider.GetElapsedTime(started));
            }

            return null;
        }

        var role = lease.Pool.Role;
        metrics?.RequestStarted(role);

        var registration = context.RequestAborted.UnsafeRegister(
            static state => ((RequestLease)state!).TryAbort(LeaseAbortReason.ClientAborted),
            lease);
        try
        {
            await _forwarder.ForwardAsync(context, lease).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Kestrel would log and answer 500 itself; a proxy should say 502 and keep its own log.
            if (!lease.IsAborted)
            {
                ProxyLog.Unexpected(_logger, ex);
                lease.BackendFailed = true;
            }

            try
            {
                await ProxyErrorWriter.WriteAsync(context, StatusCodes.Status502BadGateway, ProxyErrorWriter.BackendFailed, _options.ServiceName, lease.Pool.Id, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception writeFailure) when (writeFailure is IOException or OperationCanceledException or InvalidOperationException)
            {
                // The client is gone as well.
            }
        }
        finally
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            lease.Pool.Exit(lease);
            metrics?.RequestFinished(role, Classify(context, lease), _options.TimeProvider.GetElapsedTime(started));
        }

        return lease.Pool.Id;
    }

    private static ResponseClass Classify(HttpContext context, RequestLease lease)
    {
        if (lease.BackendFailed)
        {
            return ResponseClass.BackendFailed;
        }

        if (lease.Reason == LeaseAbortReason.ClientAborted || context.RequestAborted.IsCancellationRequested)
        {
            return ResponseClass.ClientAborted;
        }

        return context.Response.StatusCode switch
        {
            < 200 => ResponseClass.Informational,
            < 300 => ResponseClass.Success,
            < 400 => ResponseClass.Redirection,
            < 500 => ResponseClass.ClientError,
            _ => ResponseClass.ServerError,
        };
    }

    private RequestLease? EnterCurrentPool(HttpContext context)
    {
        var bucket = -1;
        while (true)
        {
            var split = Volatile.Read(ref _split);
            BackendPool? pool;
            if (split is null)
            {
                pool = Volatile.Read(ref _current);
            }
            else if (split.Sticky)
            {
                bucket = bucket < 0 ? TrafficSplit.BucketOf(context) : bucket;
                pool = split.ForBucket(bucket);
            }
            else
            {
                pool = split.Next();
            }

            if (pool is null)
            {
                return null;
            }

            var lease = new RequestLease(pool);
            pool.Enter(lease);

            // Re-check after entering: a Route or Split that slipped in between must not leave this request on a
            // pool that a drain may already have seen empty (or on a canary an abort just took out).
            if (ReferenceEquals(split, Volatile.Read(ref _split)) && (split is not null || ReferenceEquals(pool, Volatile.Read(ref _current))))
            {
                return lease;
            }

            pool.Exit(lease, counted: false);
        }
    }

    private static SocketsHttpHandler CreateHandler(ProxyOptions options) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = options.ConnectTimeout,
        MaxConnectionsPerServer = options.MaxConnectionsPerBackend,
        PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
        // A response the client abandoned must not be drained for reuse: closing the connection is what tells
        // the backend that its client went away.
        MaxResponseDrainSize = 0,
        // The proxy forwards trace headers the client sent; it does not invent its own.
        ActivityHeadersPropagator = null,
    };

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout, CancellationToken ct)
    {
        if (task.IsCompleted)
        {
            return true;
        }

        try
        {
            await task.WaitAsync(timeout, _options.TimeProvider, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private DrainResult Finish(BackendPool pool, int completed, int cut, TimeSpan elapsed)
    {
        ProxyLog.Drained(_logger, pool.Id, completed, cut, elapsed);
        return new DrainResult(completed, cut, elapsed);
    }
}
