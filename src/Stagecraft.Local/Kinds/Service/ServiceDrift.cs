namespace Stagecraft.Local.Kinds.Service;

/// <summary>
/// A service's drift: asks the running host agent for its live release, instances and address, and
/// never starts an agent (no agent means the service is down: drifted, "agent not running").
/// </summary>
internal static class ServiceDrift
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(5);

    public static async Task<DriftResult> CheckAsync(StageContext context, CancellationToken cancellationToken)
    {
        var agent = context.Require<AgentConnector>();
        var status = await agent.Client.TryStatusAsync(StatusTimeout, cancellationToken).ConfigureAwait(false);
        if (status is null)
        {
            return DriftResult.Differs("agent not running (its services are down with it)");
        }

        var id = ServiceId.Of(context.Project, context.Environment.Name, context.Stage);
        var service = status.Services.FirstOrDefault(s => s.Id == id);
        if (service is null || service.Release is null)
        {
            return new DriftResult.Gone($"the host agent runs no release of {id}");
        }

        var differences = new List<string>();
        var recorded = context.Previous?.Outputs.GetValueOrDefault("release")?.Value;
        if (recorded is not null && service.Release != recorded)
        {
            differences.Add($"live release is {service.Release}, state recorded {recorded}");
        }

        var listen = context.Settings.Scalar(ServiceSchema.Listen)?.Value;
        if (listen is not null && service.Listen != listen)
        {
            differences.Add($"listens on {service.Listen}, not {listen}");
        }

        var wanted = context.Settings.Integer(ServiceSchema.Instances) ?? 1;
        var up = service.Instances.Count(i => i.State == "running");
        if (service.Instances.Count != wanted || up != wanted)
        {
            differences.Add($"{up} of {wanted} instance{(wanted == 1 ? "" : "s")} running");
        }

        if (service.State != "running" && differences.Count == 0)
        {
            differences.Add(service.State + (service.Reason is null ? "" : ": " + service.Reason));
        }

        return differences.Count == 0 ? DriftResult.Same : new DriftResult.Drifted(differences);
    }
}
