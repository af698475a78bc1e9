namespace Stagecraft.Local.Agent.Rollouts;

/// <summary>Where a rollout sends new requests, and what green has served so far.</summary>
internal interface IRolloutTraffic
{
    /// <summary>Green's outcomes since it started: finished requests and errors among them.</summary>
    OutcomeCount Green { get; }

    /// <summary><paramref name="percent"/> of requests that start from now on go to green, the rest to blue.</summary>
    void Shift(int percent);

    /// <summary>Every request that starts from now on goes to green.</summary>
    void Promote();

    /// <summary>Every request that starts from now on goes to blue.</summary>
    void Revert();
}
