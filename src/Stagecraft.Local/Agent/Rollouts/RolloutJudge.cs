namespace Stagecraft.Local.Agent.Rollouts;

/// <summary>
/// Judges one step from green's figures: nothing before step_time; then the error rate once green served
/// min_requests; short of that the step waits, up to max_step_time, and is then judged on what it saw
/// (which the verdict's note says, so the release record shows it).
/// </summary>
internal static class RolloutJudge
{
    public static RolloutVerdict Judge(RolloutSpec spec, int percent, OutcomeCount figures, TimeSpan elapsed)
    {
        if (elapsed < spec.StepTime)
        {
            return RolloutVerdict.Wait;
        }

        string? note = null;
        if (figures.Requests < spec.MinRequests)
        {
            if (elapsed < spec.MaxStepTime)
            {
                return RolloutVerdict.Wait;
            }

            note = string.Create(CultureInfo.InvariantCulture,
                $"judged on {figures.Requests} requests, fewer than min_requests {spec.MinRequests}, after waiting {elapsed.TotalSeconds:0.#}s");
        }

        if (figures.Requests > 0 && (double)figures.Errors / figures.Requests > spec.MaxErrorRate)
        {
            return new RolloutVerdict(RolloutVerdictKind.Fail, AbortReason(spec, percent, figures), note);
        }

        return new RolloutVerdict(RolloutVerdictKind.Pass, Note: note);
    }

    /// <summary>rollout aborted at 10%: green 5xx 23 of 212 requests (10.8%) &gt; 1%</summary>
    public static string AbortReason(RolloutSpec spec, int percent, OutcomeCount figures) => string.Create(CultureInfo.InvariantCulture,
        $"{AgentProtocol.RolloutAbortedPrefix}{percent}%: green 5xx {figures.Errors} of {figures.Requests} requests ({RolloutStepFigures.Rate(figures.Errors, figures.Requests)}) > {100 * spec.MaxErrorRate:0.##}%");
}
