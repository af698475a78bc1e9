using Stagecraft.Host;

namespace Stagecraft.Local.Kinds.Manual;

/// <summary>
/// A step a person does by hand. It passes once approved for the stage's current fingerprint: at
/// the terminal during the run, or with 'stagecraft approve' when the run could not ask (exit 5).
/// </summary>
public sealed class ManualKind : StageKind, IDriftCheck
{
    public const string KindName = "manual";
    public const string TerminalNote = "confirmed at the terminal";
    internal const string InstructionsKey = "instructions";

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "instructions for a step done by hand, and an approval gate that is recorded";

    public override KindCapabilities Capabilities => KindCapabilities.ApprovalGate;

    public override KindSchema Schema { get; } = new(
        new FieldSpec(InstructionsKey, FieldType.String, "what the operator must do before the deploy goes on", Required: true));

    // 'note' is left out: it exists only when the approval has one, so a reference to it could not be promised.
    public override IReadOnlyList<string>? KnownOutputs { get; } = ["approved_by", "approved_at"];

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var instructions = context.Settings.String(InstructionsKey)
            ?? throw new StageFailedException($"stage '{context.Stage}' has no '{InstructionsKey}'");
        foreach (var line in instructions.Split('\n'))
        {
            context.Log.Line(line.TrimEnd('\r'));
        }

        // An approval counts only for what was approved: a changed stage has a new fingerprint and asks again.
        var approval = await context.State.FindApprovalAsync(context.Stage, context.Fingerprint, cancellationToken).ConfigureAwait(false);
        if (approval is not null)
        {
            context.Log.Line($"# approved by {approval.ApprovedBy} at {Iso(approval.ApprovedAt)}");
            return Approved(approval);
        }

        if (!context.Interaction.CanPrompt)
        {
            context.Log.Line($"# waiting for approval: run 'stagecraft approve {context.Stage} -e {context.Environment.Name}' when it is done");
            return new StageOutcome.WaitingForApproval(instructions);
        }

        context.Log.Status("waiting for confirmation");
        var title = $"Manual step '{context.Stage}' ({context.Environment.Name}): is it done?";
        if (!await context.Interaction.ConfirmAsync(title, instructions, cancellationToken).ConfigureAwait(false))
        {
            context.Log.Line("# not confirmed");
            throw new StageFailedException("not confirmed", hint: $"do the step and deploy again, or run 'stagecraft approve {context.Stage}'");
        }

        approval = new Approval(context.Stage, context.Fingerprint, OperatorName.Of(context), context.Time.GetUtcNow(), TerminalNote);
        await context.State.RecordApprovalAsync(approval, cancellationToken).ConfigureAwait(false);
        context.Log.Line($"# confirmed by {approval.ApprovedBy}");
        return Approved(approval);
    }

    public Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<DriftResult>(new DriftResult.Unchecked("one-shot: a manual step is done and approved once; there is nothing to look at afterwards"));

    private static StageOutcome Approved(Approval approval)
    {
        var outputs = new Dictionary<string, OutputValue>(StringComparer.Ordinal)
        {
            ["approved_by"] = new(approval.ApprovedBy),
            ["approved_at"] = new(Iso(approval.ApprovedAt)),
        };
        if (!string.IsNullOrEmpty(approval.Note))
        {
            outputs["note"] = new(approval.Note);
        }

        return StageOutcome.Done(outputs);
    }

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
