using Stagecraft.Core.References;

namespace Stagecraft.Core.Kinds;

/// <summary>
/// What an opened target gives a run: parameter-store and secret lookups for references, and
/// services for its kinds (an agent client, AWS clients…).
/// </summary>
public class TargetRuntime : IAsyncDisposable
{
    public TargetRuntime(IExternalValues external, IServiceProvider services)
    {
        External = external;
        Services = services;
    }

    /// <summary>Answers ${ssm:…} and ${secret:…}; ${os:…} is handled by Core.</summary>
    public IExternalValues External { get; }

    public IServiceProvider Services { get; }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
