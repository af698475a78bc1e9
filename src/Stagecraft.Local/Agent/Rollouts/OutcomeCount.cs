namespace Stagecraft.Local.Agent.Rollouts;

/// <summary>Requests a release finished and how many of them were errors (5xx answers, failed connections).</summary>
internal readonly record struct OutcomeCount(long Requests, long Errors)
{
    /// <summary>What happened since <paramref name="start"/>; an error counted just before its request ended is not more than the requests.</summary>
    public OutcomeCount Since(OutcomeCount start)
    {
        var requests = Math.Max(0, Requests - start.Requests);
        return new OutcomeCount(requests, Math.Clamp(Errors - start.Errors, 0, requests));
    }
}
