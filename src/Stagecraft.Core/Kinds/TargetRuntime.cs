namespace Stagecraft.Core.Kinds;

/// <summary>
/// What an opened target gives a run: parameter-store and secret lookups for references, and
/// services for its kinds (an agent client, AWS clients…).
/// </summary>
public class TargetRuntime(IExternalValues external, IServiceProvider services) : IAsyncDisposable
{

    /// <summary>Answers ${ssm:…} and ${secret:…}; ${os:…} is handled by Core.</summary>
    public IExternalValues External { get; } = external;

    public IServiceProvider Services { get; } = services;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
