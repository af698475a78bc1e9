namespace Stagecraft.Local.Proxy;

/// <summary>Settings of one public address (a <see cref="ProxyListener"/> or an <see cref="HttpChallengeListener"/>).</summary>
/// <param name="Endpoint">What to bind (port 0 picks a free port). It binds this endpoint and nothing else.</param>
public sealed record ListenerOptions(IPEndPoint Endpoint)
{
    /// <summary>Serve TLS (HTTP/2 and HTTP/1.1 by ALPN), each handshake's certificate picked by SNI from the routes.</summary>
    public bool Tls { get; init; }

    /// <summary>Largest request body accepted, in bytes; <c>null</c> means unlimited.</summary>
    public long? MaxRequestBodySize { get; init; }

    /// <summary>See <see cref="ProxyOptions.InlineIoScheduling"/>.</summary>
    public bool InlineIoScheduling { get; init; }

    /// <summary>How long disposing lets open connections finish before aborting them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public ILoggerFactory? LoggerFactory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
