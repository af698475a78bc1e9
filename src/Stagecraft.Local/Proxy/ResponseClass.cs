namespace Stagecraft.Local.Proxy;

/// <summary>How a proxied request ended, as counted by <see cref="IProxyMetrics"/>.</summary>
public enum ResponseClass
{
    Informational,
    Success,
    Redirection,
    ClientError,
    ServerError,

    /// <summary>No answer from the backend: it could not be reached, broke off, or timed out (the client got the proxy's 502/504).</summary>
    BackendFailed,

    /// <summary>The client went away before its answer was complete.</summary>
    ClientAborted,
}
