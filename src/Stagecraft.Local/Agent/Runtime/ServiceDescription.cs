namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// A service's state in a word and why: running; degraded (some instances in a crash loop); failed (all of
/// them, or it could not be brought back after an agent restart); starting (first release in progress); stopped.
/// </summary>
internal static class ServiceDescription
{
    public static ServiceStatus Of(ServiceRuntime service, string listen, IReadOnlyList<string> kept)
    {
        var live = service.Live;
        var instances = live?.Instances.Select(i => new InstanceStatus(i.Index, i.Current is { HasExited: false } p ? p.Pid : null, i.Port,
            i.State.ToString().ToLowerInvariant(), i.Restarts, i.LastExit, i.Log.Path)).ToList() ?? [];
        var failed = live?.Instances.Where(i => i.State == InstanceState.Failed).ToList() ?? [];
        var reason = service.Problem;
        string state;
        if (live is null)
        {
            state = service.Releasing is not null ? "starting" : "stopped";
        }
        else if (failed.Count > 0)
        {
            state = failed.Count == live.Instances.Count ? "failed" : "degraded";
            reason ??= string.Join("; ", failed.Select(i => $"instance {i.Index} is in a crash loop ({i.LastExit}, restarted {i.Restarts} times); see {i.Log.Path}"));
        }
        else
        {
            state = service.Problem is null ? "running" : "failed";
        }

        return new ServiceStatus(service.Id, listen, state, reason, live?.Id, live?.Record.Revision, service.Releasing, kept, instances);
    }
}
