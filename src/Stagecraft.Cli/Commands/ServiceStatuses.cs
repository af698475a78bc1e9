namespace Stagecraft.Cli.Commands;

/// <summary>
/// What the host agent says about an environment's service stages, for 'status'. It asks a running agent
/// and never starts one: "agent not running" is itself the answer (the services are down with it).
/// </summary>
internal sealed class ServiceStatuses
{
    private readonly Dictionary<string, ServiceStatus> _byStage;
    private readonly bool _agentRunning;
    private readonly Catalog _catalog;

    private ServiceStatuses(Dictionary<string, ServiceStatus> byStage, bool agentRunning, Catalog catalog)
    {
        _byStage = byStage;
        _agentRunning = agentRunning;
        _catalog = catalog;
    }

    public static async Task<ServiceStatuses> ReadAsync(EnvironmentSession session, StateSnapshot snapshot, CancellationToken cancellationToken)
    {
        var empty = new Dictionary<string, ServiceStatus>(StringComparer.Ordinal);
        if (!snapshot.Stages.Values.Any(s => session.Catalog.Has(s.Kind, KindCapabilities.HostedService))
            || session.Target.Services.GetService(typeof(AgentConnector)) is not AgentConnector agent)
        {
            return new ServiceStatuses(empty, agentRunning: true, session.Catalog);
        }

        var status = await agent.Client.TryStatusAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            return new ServiceStatuses(empty, agentRunning: false, session.Catalog);
        }

        foreach (var service in status.Services)
        {
            var prefix = ServiceId.Of(session.Project.Name, session.Environment.Name, "");
            if (service.Id.StartsWith(prefix, StringComparison.Ordinal))
            {
                empty[service.Id[prefix.Length..]] = service;
            }
        }

        return new ServiceStatuses(empty, agentRunning: true, session.Catalog);
    }

    public ServiceStatus? Find(string stage) => _byStage.GetValueOrDefault(stage);

    /// <summary>Why a deployed service stage has no status from the agent.</summary>
    public string? AgentProblem(StageRecord record) =>
        !_catalog.Has(record.Kind, KindCapabilities.HostedService) || !record.EverDeployed ? null
        : _agentRunning ? "service unknown to the agent"
        : "host agent not running (start it with 'stagecraft agent start')";

    public static string Describe(ServiceStatus service)
    {
        var text = $"{service.State} ({service.Release ?? "no release"}";
        var up = service.Instances.Count(i => i.State == "running");
        text += service.Instances.Count > 0 ? $", {up}/{service.Instances.Count} up)" : ")";
        return service.Reason is null ? text : $"{text}: {service.Reason}";
    }
}
