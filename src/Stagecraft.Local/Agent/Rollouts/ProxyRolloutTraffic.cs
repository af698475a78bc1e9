using Stagecraft.Local.Proxy;

namespace Stagecraft.Local.Agent.Rollouts;

/// <summary>A rollout's traffic through the service's proxy; green's figures are its pool's own counters.</summary>
internal sealed class ProxyRolloutTraffic(ServiceProxy proxy, BackendPool blue, BackendPool green, bool sticky) : IRolloutTraffic
{
    public OutcomeCount Green => new(green.Requests, green.ServerErrors);

    public void Shift(int percent) => proxy.Split(new TrafficSplit(blue, green, percent, sticky));

    public void Promote() => proxy.Route(green);

    public void Revert() => proxy.Route(blue);
}
