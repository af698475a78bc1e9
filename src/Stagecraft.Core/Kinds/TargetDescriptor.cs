namespace Stagecraft.Core.Kinds;

/// <summary>A deployment target (local, aws): its environment settings and what it provides to stages.</summary>
public abstract class TargetDescriptor
{
    public abstract string Name { get; }

    /// <summary>Environment keys this target adds beside target, variables, state and description.</summary>
    public abstract KindSchema Settings { get; }

    public virtual void Validate(EnvironmentDefinition environment, DiagnosticBag diagnostics)
    {
    }

    public abstract Task<TargetRuntime> OpenAsync(TargetOpenContext context, CancellationToken cancellationToken);
}
