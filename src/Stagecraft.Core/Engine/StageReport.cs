namespace Stagecraft.Core.Engine;

/// <summary>What happened to one stage in a run, as shown to the user.</summary>
public sealed record StageReport(
    string Stage,
    string Kind,
    StageAction Action,
    StageResult Result,
    TimeSpan Duration,
    string? Reason,
    string? Error,
    IReadOnlyList<string> Details,
    string? LogPath,
    IReadOnlyDictionary<string, OutputValue> Outputs)
{
    /// <summary>A failure caused by the input rather than by the deploy (a route another project's service holds): the run exits 2.</summary>
    public bool InvalidInput { get; init; }
}
