using Stagecraft.Local.Agent;
using Stagecraft.Local.Parameters;
using Stagecraft.Local.Secrets;

namespace Stagecraft.Local.Targets;

/// <summary>
/// This machine: stages run here, services run under the host agent. ${ssm:…} reads the local
/// parameter store and ${secret:…} the environment's encrypted secrets, both beside the state.
/// </summary>
/// <param name="agent">How kinds reach the host agent; by default the agent home of this environment, with no way to start one.</param>
public sealed class LocalTarget(AgentConnector? agent = null) : TargetDescriptor
{
    private readonly AgentConnector _agent = agent ?? new AgentConnector(AgentHome.Resolve(Environment.GetEnvironmentVariable), null);

    public override string Name => TargetKind.Local;

    public override KindSchema Settings { get; } = new();

    public override Task<TargetRuntime> OpenAsync(TargetOpenContext context, CancellationToken cancellationToken)
    {
        var keys = LocalKeys.For(context.Project, context.Environment, context.Host);
        var user = context.Host is { } host ? $"{host.UserName}@{host.HostName}" : $"{Environment.UserName}@{Environment.MachineName}";
        var secrets = new LocalSecretStore(EnvironmentFiles.Secrets(context.Directories), context.Project.Name, context.Environment.Name, keys, context.Time, user);
        var parameters = new LocalParameterStore(EnvironmentFiles.Parameters(context.Directories), context.Project.Name, context.Environment.Name, keys, context.Time);
        var services = new SimpleServiceProvider()
            .Add(_agent)
            .Add<IParameterStore>(parameters)
            .Add<ISecretStore>(secrets);
        if (context.Host is not null)
        {
            services.Add(context.Host);
        }

        return Task.FromResult(new TargetRuntime(new StoreExternalValues(parameters, secrets), services));
    }
}
