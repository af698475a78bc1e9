namespace Stagecraft.Core.State.Portable;

/// <summary>
/// The whole state of one environment as plain data: what 'state pull' writes, 'state push' reads,
/// and the s3 backend stores. <see cref="LastRunId"/> is the highest run id ever handed out, so
/// ids never repeat even when the newest runs are not in the document.
/// </summary>
public sealed record StateDocument(
    byte[] HmacKey,
    IReadOnlyList<StageRecord> Stages,
    IReadOnlyList<RunDetail> Runs,
    IReadOnlyList<Approval> Approvals,
    IReadOnlyList<StageDataEntry> StageData,
    long LastRunId)
{
    /// <summary>The project and environment it was exported from; informational, checked by 'state push'.</summary>
    public string? Project { get; init; }

    public string? Environment { get; init; }

    public bool IsEmpty => Stages.Count == 0 && Runs.Count == 0 && Approvals.Count == 0 && StageData.Count == 0;

    public static StateDocument Empty(byte[] hmacKey) => new(hmacKey, [], [], [], [], 0);
}
