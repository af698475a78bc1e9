namespace Stagecraft.Local.Agent.Protocol;

/// <summary>
/// A progressive rollout after green's health gate: each step sends <see cref="Steps"/>[i] percent of new requests
/// to green for at least <see cref="StepTime"/>, then green's error rate over the step decides: next step, or abort.
/// </summary>
/// <param name="Steps">Increasing percentages from 1 to 99; after the last one green gets 100%.</param>
/// <param name="StepTime">How long each step runs before it is judged.</param>
/// <param name="MaxErrorRate">Fraction of green's requests in a step (5xx answers and failed connections) above which the rollout aborts.</param>
/// <param name="MinRequests">Requests green must have served in a step before it is judged.</param>
/// <param name="Sticky">Keeps a client on one side by a cookie.</param>
/// <param name="MaxStepTime">How long a step may wait for <see cref="MinRequests"/>; then it is judged on what was seen.</param>
public sealed record RolloutSpec(IReadOnlyList<int> Steps, TimeSpan StepTime, double MaxErrorRate, int MinRequests, bool Sticky, TimeSpan MaxStepTime)
{
    /// <summary>Without max_step_time a step waits at most this many step times for its minimum of requests.</summary>
    public const int DefaultWaitFactor = 3;
}
