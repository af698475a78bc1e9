namespace Stagecraft.Core.Kinds;

/// <summary>How a kind's apply ended when it did not fail.</summary>
public abstract record StageOutcome
{
    private StageOutcome()
    {
    }

    public static StageOutcome Done(IReadOnlyDictionary<string, OutputValue>? outputs = null) =>
        new Completed(outputs ?? new Dictionary<string, OutputValue>());

    public sealed record Completed(IReadOnlyDictionary<string, OutputValue> Outputs) : StageOutcome;

    /// <summary>A manual stage that cannot ask here; the run stops with exit 5 until 'approve'.</summary>
    public sealed record WaitingForApproval(string Instructions) : StageOutcome;
}
