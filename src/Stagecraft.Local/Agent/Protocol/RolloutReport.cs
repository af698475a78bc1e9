namespace Stagecraft.Local.Agent.Protocol;

/// <summary>A rollout as the agent sees it: running, promoted or aborted, with the figures of every step so far.</summary>
/// <param name="Release">Green's release id.</param>
/// <param name="Previous">Blue's release id.</param>
/// <param name="State">running, promoted or aborted.</param>
/// <param name="Percent">Green's share of new requests now (100 once promoted, 0 once aborted).</param>
/// <param name="Decision">Why it ended, in words; null while it runs.</param>
public sealed record RolloutReport(string Release, string Previous, string State, int Percent, IReadOnlyList<RolloutStepFigures> Steps, string? Decision)
{
    public const string Running = "running";
    public const string Promoted = "promoted";
    public const string Aborted = "aborted";

    /// <summary>One line per step: "10%: 212 requests, 3 errors (1.4%) in 30s, passed".</summary>
    public string Summary() => string.Join("; ", Steps.Select(s => s.Describe())) + (Decision is null ? "" : $"; {Decision}");
}

/// <summary>What green did during one step.</summary>
/// <param name="Outcome">running, passed, failed, promoted (ended early by 'rollout promote'), aborted (by 'rollout abort').</param>
/// <param name="Note">Set when the step was judged with fewer than min_requests, and why.</param>
public sealed record RolloutStepFigures(int Percent, long Requests, long Errors, double Seconds, string Outcome, string? Note = null)
{
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Percent}%: {Requests} requests, {Errors} errors ({Rate(Errors, Requests)}) in {Seconds:0.#}s, {Outcome}{(Note is null ? "" : $" ({Note})")}");

    public static string Rate(long errors, long requests) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{(requests == 0 ? 0 : 100.0 * errors / requests):0.#}%");
}
