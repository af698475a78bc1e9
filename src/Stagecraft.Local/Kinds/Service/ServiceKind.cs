using Stagecraft.Local.Agent;

namespace Stagecraft.Local.Kinds.Service;

/// <summary>
/// Releases a directory as a web service behind the host agent's proxy, blue/green. The kind is a thin
/// client: the agent runs the release (green's processes are its children and outlive the CLI) and
/// streams its progress back into the stage log.
/// </summary>
/// <param name="agent">What the agent of this build can do (whether it has an ACME client).</param>
public sealed class ServiceKind(AgentServices? agent = null) : StageKind, IDriftCheck
{
    public const string KindName = "service";

    private readonly AgentServices _agent = agent ?? AgentServices.None;

    public override string Name => KindName;

    public override string Version => "1";

    public override string Summary => "blue/green release of a process behind the host agent's proxy, with health gate, hooks, drain, bake and rollback";

    public override KindSchema Schema { get; } = ServiceSchema.Create();

    public override IReadOnlyList<string>? Targets => [TargetKind.Local];

    public override KindCapabilities Capabilities => KindCapabilities.HostedService;

    public override IReadOnlyList<string>? KnownOutputs => ["url", "revision", "release", "rollout"];

    public override void Validate(StageDefinition stage, KindValidationContext context)
    {
        ServiceValidation.Validate(stage, context);
        ServiceRoutingValidation.Validate(stage, context, acmeAvailable: _agent.Acme is not null);
    }

    public override async Task<StageOutcome> ApplyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var spec = ServiceSpecReader.Read(context);
        var agent = context.Require<AgentConnector>();
        context.Log.Status("reaching the host agent");
        if (await agent.Launcher.EnsureRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            context.Log.Line($"# started the host agent (socket {agent.Home.SocketPath}, log {agent.Home.LogPath})");
        }

        context.Log.Line($"# releasing {Path.GetRelativePath(context.ProjectDirectory, spec.Revision)} as {spec.Id} on {spec.Listen}");
        var request = new AgentRequest { Type = AgentProtocol.Release, Service = spec };
        var outcome = await ReleaseSession.RunAsync(agent.Client, request, spec.Id, context.Log, cancellationToken).ConfigureAwait(false);
        if (outcome.Rollout is { } rollout)
        {
            context.Log.Line($"# rollout of {outcome.Release}: {rollout.Summary()}");
        }

        context.Log.Line($"# {outcome.Release} is live at {outcome.Url}");
        if (outcome.Traffic is { } traffic)
        {
            ReleaseTrafficFile.Write(context, traffic);
        }

        return StageOutcome.Done(Outputs(outcome));
    }

    public override async Task DestroyAsync(StageContext context, CancellationToken cancellationToken)
    {
        var agent = context.Require<AgentConnector>();
        await agent.Launcher.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        var id = ServiceId.Of(context.Project, context.Environment.Name, context.Stage);
        var answer = await agent.Client.SendAsync(new AgentRequest { Type = AgentProtocol.StopService, ServiceId = id }, m => context.Log.Line(m.Text ?? ""), cancellationToken)
            .ConfigureAwait(false);
        if (answer.Type == AgentProtocol.Error)
        {
            throw new StageFailedException(answer.Error ?? "the agent refused to stop the service", answer.Details, answer.Hint);
        }
    }

    public Task<DriftResult> CheckDriftAsync(StageContext context, CancellationToken cancellationToken) => ServiceDrift.CheckAsync(context, cancellationToken);

    public static Dictionary<string, OutputValue> Outputs(ReleaseOutcome outcome)
    {
        var outputs = new Dictionary<string, OutputValue>(StringComparer.Ordinal)
        {
            ["url"] = new OutputValue(outcome.Url),
            ["revision"] = new OutputValue(outcome.Revision),
            ["release"] = new OutputValue(outcome.Release),
        };

        // The step figures of the rollout that made the release live, kept with the stage's record.
        if (outcome.Rollout is { } rollout)
        {
            outputs["rollout"] = new OutputValue(rollout.Summary());
        }

        return outputs;
    }
}
