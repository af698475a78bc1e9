namespace Stagecraft.Local.Proxy;

/// <summary>Source-generated log messages, so disabled logging costs nothing on the hot path.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(1, LogLevel.Information, "Proxy listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, System.Net.IPEndPoint endpoint);

    [LoggerMessage(2, LogLevel.Information, "Routing to pool {Pool}")]
    public static partial void Routed(ILogger logger, string pool);

    [LoggerMessage(3, LogLevel.Warning, "Forwarding to {Backend} failed; retrying once on {Retry}")]
    public static partial void Retrying(ILogger logger, Exception exception, BackendTarget backend, BackendTarget retry);

    [LoggerMessage(4, LogLevel.Warning, "Forwarding to {Backend} failed")]
    public static partial void ForwardFailed(ILogger logger, Exception exception, BackendTarget backend);

    [LoggerMessage(5, LogLevel.Warning, "Backend {Backend} sent no response headers within the timeout")]
    public static partial void HeaderTimeout(ILogger logger, BackendTarget backend);

    [LoggerMessage(6, LogLevel.Information, "Drained pool {Pool}: {Completed} completed, {Cut} cut in {Elapsed}")]
    public static partial void Drained(ILogger logger, string pool, int completed, int cut, TimeSpan elapsed);

    [LoggerMessage(7, LogLevel.Error, "Unexpected proxy failure")]
    public static partial void Unexpected(ILogger logger, Exception exception);
}
