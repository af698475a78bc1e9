using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;

namespace Stagecraft.TestSupport;

/// <summary>A target whose parameter store and secrets are dictionaries.</summary>
public sealed class TestTarget : TargetDescriptor, IExternalValues
{
    public TestTarget(string name, KindSchema? settings = null)
    {
        Name = name;
        Settings = settings ?? new KindSchema();
    }

    public override string Name { get; }

    public override KindSchema Settings { get; }

    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    public override Task<TargetRuntime> OpenAsync(TargetOpenContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new TargetRuntime(this, new SimpleServiceProvider()));

    public ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken) => kind switch
    {
        ReferenceKind.Ssm => ValueTask.FromResult(Parameters.TryGetValue(name, out var p) ? new ExternalValue(p, false) : null),
        ReferenceKind.Secret => ValueTask.FromResult(Secrets.TryGetValue(name, out var s) ? new ExternalValue(s, true) : null),
        _ => ValueTask.FromResult<ExternalValue?>(null),
    };
}
