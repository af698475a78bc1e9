namespace Stagecraft.Local.Proxy;

/// <summary>Settings for one <see cref="ServiceProxy"/>. Only <see cref="Listen"/> is required.</summary>
/// <param name="Listen">Where the proxy listens (port 0 picks a free port). It binds this endpoint and nothing else.</param>
public sealed record ProxyOptions(IPEndPoint Listen)
{
    /// <summary>Name reported in the JSON body of proxy-generated errors.</summary>
    public string ServiceName { get; init; } = "service";

    /// <summary>How long to wait for a TCP connection to a backend.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a backend may take to send response headers before the client gets a 504.</summary>
    public TimeSpan ResponseHeadersTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Largest request body accepted, in bytes; <c>null</c> means unlimited (uploads are streamed, never buffered).</summary>
    public long? MaxRequestBodySize { get; init; }

    /// <summary>Upper bound on pooled connections to one backend.</summary>
    public int MaxConnectionsPerBackend { get; init; } = int.MaxValue;

    /// <summary>How long an idle pooled backend connection is kept.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After a drain times out and cuts what remains, how long to wait for the cut work to unwind.</summary>
    public TimeSpan DrainCutGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long <see cref="ServiceProxy.DisposeAsync"/> lets open connections finish before aborting them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the proxy's request handling on Kestrel's socket threads instead of handing each read to the thread
    /// pool (Kestrel's UnsafePreferInlineScheduling). Saves thread hops per request; it is safe here only because
    /// the proxy never blocks a thread, which a custom <see cref="LoggerFactory"/> must not do either. Off by default.
    /// </summary>
    public bool InlineIoScheduling { get; init; }

    /// <summary>Logging for the proxy and its Kestrel listener; <c>null</c> (the default) keeps logging off.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Peers whose X-Forwarded-For/-Proto/-Host are believed (a load balancer or CDN in front): their chain is
    /// extended; anyone else's is replaced by what this proxy saw. Empty (the default): nobody is believed.
    /// </summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>Where each finished request is recorded; null (the default) records nothing.</summary>
    public IAccessLog? AccessLog { get; init; }

    /// <summary>Where every request's outcome and duration are counted; null (the default) counts nothing.</summary>
    public IProxyMetrics? Metrics { get; init; }

    /// <summary>Clock for drain and header timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
