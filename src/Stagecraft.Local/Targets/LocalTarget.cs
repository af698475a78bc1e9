using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;

namespace Stagecraft.Local.Targets;

/// <summary>This machine: stages run here, services run under the host agent.</summary>
public sealed class LocalTarget : TargetDescriptor
{
    public override string Name => TargetKind.Local;

    public override KindSchema Settings { get; } = new();

    public override Task<TargetRuntime> OpenAsync(TargetOpenContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new TargetRuntime(new Unsupported(), new SimpleServiceProvider()));

    private sealed class Unsupported : IExternalValues
    {
        public ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken) =>
            throw new StagecraftException($"{(kind == ReferenceKind.Secret ? "${secret:…}" : "${ssm:…}")} references are not supported yet for target 'local'", ExitCodes.InvalidInput);
    }
}
