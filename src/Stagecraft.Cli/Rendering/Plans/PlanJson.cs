using System.Text.Json.Serialization;

namespace Stagecraft.Cli.Rendering.Plans;

/// <summary>
/// 'plan --json': one versioned shape, the same with and without --remote (docs/plan-json.md).
/// Every documented key is always present (null or empty when it has no value) so consumers need no guessing.
/// </summary>
internal static class PlanJson
{
    /// <summary>Raised only when a key is removed or changes meaning; new keys keep the version.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Plan plan, IReadOnlyList<StageRemoteChanges>? remote, IReadOnlyList<StageDrift>? drift = null) =>
        JsonSerializer.Serialize(Build(plan, remote, drift), Options);

    public static PlanDocument Build(Plan plan, IReadOnlyList<StageRemoteChanges>? remote, IReadOnlyList<StageDrift>? drift = null)
    {
        var byStage = remote?.ToDictionary(r => r.Stage, StringComparer.Ordinal);
        var driftByStage = drift?.ToDictionary(d => d.Stage, StringComparer.Ordinal);
        return new PlanDocument(
            SchemaVersion,
            plan.Project,
            plan.Environment,
            plan.Targeted,
            plan.HasChanges,
            remote is not null,
            drift is not null,
            new PlanCounts(plan.Count(StageAction.Create), plan.Count(StageAction.Update), plan.Count(StageAction.Pending), plan.Count(StageAction.Destroy), plan.Count(StageAction.NoChange)),
            plan.Stages.Select(s => new PlanStage(
                s.Name,
                s.Kind,
                ActionText.Of(s.Action),
                s.Reasons,
                s.Fingerprint?.Value,
                s.Record?.Fingerprint,
                s.Upstream,
                s.PendingOn.Order(StringComparer.Ordinal).ToList(),
                s.Protect,
                s.Forced,
                byStage is not null && byStage.TryGetValue(s.Name, out var changes)
                    ? new PlanRemote(changes.Changes.Summary, changes.Changes.Changes.Select(c => new PlanRemoteChange(c.Action, c.Resource, c.Type, c.Detail)).ToList())
                    : null,
                driftByStage is not null && driftByStage.TryGetValue(s.Name, out var checkedDrift)
                    ? new PlanDrift(DriftText.Status(checkedDrift.Result).Replace(' ', '-'), DriftText.Of(checkedDrift.Result) is { Length: > 0 } detail ? detail : null)
                    : null)).ToList());
    }
}

internal sealed record PlanDocument(
    [property: JsonPropertyName("schema_version")] int SchemaVersion,
    [property: JsonPropertyName("project")] string Project,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("targeted")] bool Targeted,
    [property: JsonPropertyName("changes")] bool Changes,
    [property: JsonPropertyName("remote_requested")] bool RemoteRequested,
    [property: JsonPropertyName("refresh_requested")] bool RefreshRequested,
    [property: JsonPropertyName("summary")] PlanCounts Summary,
    [property: JsonPropertyName("stages")] IReadOnlyList<PlanStage> Stages);

internal sealed record PlanCounts(
    [property: JsonPropertyName("create")] int Create,
    [property: JsonPropertyName("update")] int Update,
    [property: JsonPropertyName("pending")] int Pending,
    [property: JsonPropertyName("destroy")] int Destroy,
    [property: JsonPropertyName("no_change")] int NoChange);

internal sealed record PlanStage(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint,
    [property: JsonPropertyName("deployed_fingerprint")] string? DeployedFingerprint,
    [property: JsonPropertyName("depends_on")] IReadOnlyList<string> DependsOn,
    [property: JsonPropertyName("pending_on")] IReadOnlyList<string> PendingOn,
    [property: JsonPropertyName("protect")] bool Protect,
    [property: JsonPropertyName("forced")] bool Forced,
    [property: JsonPropertyName("remote")] PlanRemote? Remote,
    [property: JsonPropertyName("drift")] PlanDrift? Drift);

/// <summary>With --refresh: what the stage's drift check found (status as 'drift' prints it, with dashes).</summary>
internal sealed record PlanDrift(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("detail")] string? Detail);

internal sealed record PlanRemote(
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("changes")] IReadOnlyList<PlanRemoteChange> Changes);

internal sealed record PlanRemoteChange(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("detail")] string? Detail);
