using System.Text.Json.Serialization;
using Stagecraft.Core.State.Portable.Json;

namespace Stagecraft.Core.State.Portable;

/// <summary>
/// The JSON form of a <see cref="StateDocument"/> ("format": "stagecraft-state"). Times are UTC
/// ISO-8601; sensitive outputs are protected or masked (see <see cref="PortableOutputs"/>). A
/// document of a newer version is refused rather than half understood.
/// </summary>
public static class StateDocumentJson
{
    public const string Format = "stagecraft-state";
    public const int Version = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Serialize(StateDocument document, IValueProtector? protector)
    {
        ArgumentNullException.ThrowIfNull(document);
        var outputs = new PortableOutputs(protector);
        var portable = new PortableDocument(
            Format,
            Version,
            document.Project,
            document.Environment,
            Convert.ToBase64String(document.HmacKey),
            Math.Max(document.LastRunId, document.Runs.Count == 0 ? 0 : document.Runs.Max(r => r.Summary.Id)),
            document.Stages.Select(s => ToPortable(s, outputs)).ToList(),
            document.Runs.Select(ToPortable).ToList(),
            document.Approvals.Select(a => new PortableApproval(a.Stage, a.Fingerprint, a.ApprovedBy, a.ApprovedAt.ToUniversalTime(), a.Note)).ToList(),
            document.StageData.Select(d => new PortableStageData(d.Stage, d.Key, d.Value)).ToList());
        return JsonSerializer.SerializeToUtf8Bytes(portable, Options);
    }

    /// <summary>Reads a document; <paramref name="source"/> names it in errors (a file, an S3 key).</summary>
    public static StateDocument Deserialize(ReadOnlySpan<byte> json, IValueProtector? protector, string source)
    {
        PortableDocument? portable;
        try
        {
            portable = JsonSerializer.Deserialize<PortableDocument>(json, Options);
        }
        catch (JsonException error)
        {
            throw NotADocument(source, error.Message);
        }

        if (portable is null || portable.Format != Format)
        {
            throw NotADocument(source, $"its \"format\" is not \"{Format}\"");
        }

        if (portable.Version > Version)
        {
            throw new StagecraftException($"{source} is state format version {portable.Version}, newer than this Stagecraft understands ({Version})",
                ExitCodes.InvalidInput, "upgrade stagecraft; an older version must not write state it cannot read");
        }

        var outputs = new PortableOutputs(protector);
        return new StateDocument(
            Convert.FromBase64String(portable.HmacKey),
            portable.Stages.Select(s => FromPortable(s, outputs)).ToList(),
            portable.Runs.Select(FromPortable).ToList(),
            portable.Approvals.Select(a => new Approval(a.Stage, a.Fingerprint, a.ApprovedBy, a.ApprovedAt, a.Note)).ToList(),
            portable.StageData.Select(d => new StageDataEntry(d.Stage, d.Key, d.Value)).ToList(),
            portable.LastRunId)
        {
            Project = portable.Project,
            Environment = portable.Environment,
        };
    }

    private static StagecraftException NotADocument(string source, string why) =>
        new($"{source} is not a Stagecraft state document: {why}", ExitCodes.InvalidInput, "give a file written by 'stagecraft state pull'");

    private static PortableStage ToPortable(StageRecord s, PortableOutputs outputs) => new(
        s.Name, s.Kind, s.Status, s.Fingerprint, s.Manifest, outputs.Encode(s.Outputs), [.. s.DependsOn], s.SettingsJson, s.Protect, s.LastRunId, s.UpdatedAt.ToUniversalTime(), s.LastError);

    private static StageRecord FromPortable(PortableStage s, PortableOutputs outputs) => new(
        s.Name, s.Kind, s.Status, s.Fingerprint, s.Manifest, outputs.Decode(s.Outputs), s.DependsOn, s.SettingsJson, s.Protect, s.LastRunId, s.UpdatedAt, s.LastError);

    private static PortableRun ToPortable(RunDetail run)
    {
        var r = run.Summary;
        return new PortableRun(r.Id, r.Verb, r.Environment, r.Status, r.StartedAt.ToUniversalTime(), r.FinishedAt?.ToUniversalTime(), r.User, r.Host, r.Pid, r.Arguments, r.Note,
            run.Stages.Select(s => new PortableRunStage(s.Stage, s.Kind, s.Action, s.Result, s.StartedAt?.ToUniversalTime(),
                (long)Math.Round(s.Duration.TotalMilliseconds, MidpointRounding.AwayFromZero), s.Reason, s.Error, s.Fingerprint, s.LogPath)).ToList());
    }

    private static RunDetail FromPortable(PortableRun r) => new(
        new RunSummary(r.Id, r.Verb, r.Environment, r.Status, r.StartedAt, r.FinishedAt, r.User, r.Host, r.Pid, r.Arguments, r.Note),
        r.Stages.Select(s => new StageRunRecord(s.Stage, s.Kind, s.Action, s.Result, s.StartedAt, TimeSpan.FromMilliseconds(s.DurationMs), s.Reason, s.Error, s.Fingerprint, s.LogPath)).ToList());
}
