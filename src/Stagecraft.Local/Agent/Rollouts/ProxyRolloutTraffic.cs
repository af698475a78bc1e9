namespace Stagecraft.Local.Agent.Rollouts;

/// <summary>
/// A rollout's traffic through the service's proxy; green's figures are its pool's own counters.
/// While green takes a share its requests count as the candidate's in metrics, and <paramref name="share"/> hears each step.
/// </summary>
internal sealed class ProxyRolloutTraffic(ServiceProxy proxy, BackendPool blue, BackendPool green, bool sticky, Action<int>? share = null) : IRolloutTraffic
{
    public OutcomeCount Green => new(green.Requests, green.ServerErrors);

    public void Shift(int percent)
    {
        green.Role = TrafficRole.Candidate;
        proxy.Split(new TrafficSplit(blue, green, percent, sticky));
        share?.Invoke(percent);
    }

    public void Promote()
    {
        green.Role = TrafficRole.Live;
        proxy.Route(green);
        share?.Invoke(0);
    }

    public void Revert()
    {
        proxy.Route(blue);
        share?.Invoke(0);
    }
}
