namespace Stagecraft.Aws.Targets;

/// <summary>An opened AWS environment; disposing it releases the SDK clients.</summary>
internal sealed class AwsRuntime(IExternalValues external, IServiceProvider services, IDisposable? clients) : TargetRuntime(external, services)
{
    private readonly IDisposable? _clients = clients;

    public override ValueTask DisposeAsync()
    {
        _clients?.Dispose();
        return base.DisposeAsync();
    }
}
