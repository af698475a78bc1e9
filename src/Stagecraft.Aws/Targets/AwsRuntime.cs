using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;

namespace Stagecraft.Aws.Targets;

/// <summary>An opened AWS environment; disposing it releases the SDK clients.</summary>
internal sealed class AwsRuntime : TargetRuntime
{
    private readonly IDisposable? _clients;

    public AwsRuntime(IExternalValues external, IServiceProvider services, IDisposable? clients)
        : base(external, services)
    {
        _clients = clients;
    }

    public override ValueTask DisposeAsync()
    {
        _clients?.Dispose();
        return base.DisposeAsync();
    }
}
