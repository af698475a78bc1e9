using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;
using Stagecraft.Local.Agent;
using Stagecraft.Local.Agent.Control;

namespace Stagecraft.Local.Targets;

/// <summary>This machine: stages run here, services run under the host agent.</summary>
public sealed class LocalTarget : TargetDescriptor
{
    private readonly AgentConnector _agent;

    /// <param name="agent">How kinds reach the host agent; by default the agent home of this environment, with no way to start one.</param>
    public LocalTarget(AgentConnector? agent = null)
    {
        _agent = agent ?? new AgentConnector(AgentHome.Resolve(Environment.GetEnvironmentVariable), null);
    }

    public override string Name => TargetKind.Local;

    public override KindSchema Settings { get; } = new();

    public override Task<TargetRuntime> OpenAsync(TargetOpenContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new TargetRuntime(new Unsupported(), new SimpleServiceProvider().Add(_agent)));

    private sealed class Unsupported : IExternalValues
    {
        public ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken) =>
            throw new StagecraftException($"{(kind == ReferenceKind.Secret ? "${secret:…}" : "${ssm:…}")} references are not supported yet for target 'local'", ExitCodes.InvalidInput);
    }
}
