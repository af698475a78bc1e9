namespace Stagecraft.Core.State;

/// <summary>How a stage's record changes together with its run result (one transaction).</summary>
public abstract record StageStateChange
{
    private StageStateChange()
    {
    }

    public sealed record None : StageStateChange;

    /// <summary>Insert or replace the record.</summary>
    public sealed record Put(StageRecord Record) : StageStateChange;

    /// <summary>Keep fingerprint and outputs, set status and error.</summary>
    public sealed record SetStatus(string Stage, string Kind, StageStatus Status, string? Error) : StageStateChange;

    /// <summary>The stage was destroyed.</summary>
    public sealed record Remove(string Stage) : StageStateChange;
}
