namespace Stagecraft.Local.Proxy;

/// <summary>
/// What a <see cref="ServiceProxy"/> reports about every request it serves. Called on the request path: an
/// implementation must neither block nor allocate per call.
/// </summary>
public interface IProxyMetrics
{
    void RequestStarted(TrafficRole role);

    void RequestFinished(TrafficRole role, ResponseClass outcome, TimeSpan elapsed);
}
