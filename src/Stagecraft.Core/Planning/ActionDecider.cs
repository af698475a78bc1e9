namespace Stagecraft.Core.Planning;

/// <summary>Chooses create / update / no-change / pending for one stage and says why.</summary>
public static class ActionDecider
{
    public static (StageAction Action, List<string> Reasons) Decide(StageRecord? record, EvaluatedStage evaluated, bool forced, DriftResult? drift = null)
    {
        var pending = evaluated.IsPending ? PendingReason(evaluated) : null;
        if (record is null || (!record.EverDeployed && record.Status != StageStatus.Waiting))
        {
            return (StageAction.Create, Join(record is null ? "new stage" : StatusReason(record), pending));
        }

        if (forced)
        {
            return (StageAction.Update, Join("forced with --force", pending));
        }

        if (record.Status != StageStatus.Deployed)
        {
            return (StageAction.Update, Join(StatusReason(record), pending));
        }

        var changes = record.Manifest is null ? [] : ChangeExplainer.Explain(record.Manifest, evaluated.Fingerprint.Manifest)
            .Where(r => !evaluated.Trace.PendingReferences.Any(p => IsAbout(r, Label(p))))
            .ToList();
        if (pending is not null)
        {
            return (StageAction.Pending, [pending, .. changes]);
        }

        if (record.Fingerprint == evaluated.Fingerprint.Value)
        {
            return Drifted(drift);
        }

        return (StageAction.Update, changes.Count > 0 ? changes : ["inputs changed"]);
    }

    // An unchanged stage whose deployed thing drifted: a redeploy puts it back, unless the kind says it cannot.
    private static (StageAction Action, List<string> Reasons) Drifted(DriftResult? drift) => drift switch
    {
        DriftResult.Gone => (StageAction.Create, ["drifted: " + DriftText.Of(drift)]),
        DriftResult.Drifted { Unrepairable: { } todo } => (StageAction.NoChange, [$"drifted: {DriftText.Of(drift)}; a redeploy cannot repair this: {todo}"]),
        DriftResult.Drifted => (StageAction.Update, ["drifted: " + DriftText.Of(drift)]),
        _ => (StageAction.NoChange, []),
    };

    private static string StatusReason(StageRecord record) => record.Status switch
    {
        StageStatus.Failed => "the last deploy failed" + (record.LastError is null ? "" : ": " + FirstLine(record.LastError)),
        StageStatus.Waiting => "waiting for approval",
        StageStatus.Interrupted => "the last deploy was interrupted",
        _ => "never deployed",
    };

    private static string PendingReason(EvaluatedStage evaluated)
    {
        var stages = string.Join(", ", evaluated.Trace.PendingStages);
        var uses = string.Join(", ", evaluated.Trace.PendingReferences);
        return $"known after {stages} deploy{(evaluated.Trace.PendingStages.Count == 1 ? "s" : "")} (uses {uses})";
    }

    // Matches ChangeExplainer's wording for an output reference, to drop lines about values not known yet.
    private static string Label(string referenceId)
    {
        var parts = referenceId.Split('.');
        return parts.Length == 4 ? $"output {parts[3]} of {parts[1]}" : referenceId;
    }

    // ChangeExplainer writes "{label} changed…", "now uses {label}" or "no longer uses {label}"; a label that
    // merely starts the same (output url of common / common2) is about another reference.
    private static bool IsAbout(string reason, string label) =>
        reason == $"{label} changed" || reason.StartsWith($"{label} changed: ", StringComparison.Ordinal)
        || reason == $"now uses {label}" || reason == $"no longer uses {label}";

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static List<string> Join(string first, string? second) => second is null ? [first] : [first, second];
}
