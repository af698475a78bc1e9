using Stagecraft.Core.Kinds;

namespace Stagecraft.Core.Tests.Engine;

/// <summary>Behaves like a manual stage off a terminal: it always ends waiting for approval.</summary>
internal sealed class ApprovalKind : StageKind
{
    public override string Name => "approval";

    public override string Version => "1";

    public override string Summary => "waits for approval";

    public override KindCapabilities Capabilities => KindCapabilities.ApprovalGate;

    public override KindSchema Schema { get; } = new(new FieldSpec("instructions", FieldType.String, "what the operator must do"));

    public override Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken) =>
        Task.FromResult<StageOutcome>(new StageOutcome.WaitingForApproval(context.Settings.String("instructions") ?? "approve me"));
}
