namespace Stagecraft.Local.Agent.Releases;

/// <summary>Release ids are r1, r2, … per service, never reused (so a log file always names one release).</summary>
internal static class ReleaseIds
{
    public static string Next(DesiredState state, string serviceId)
    {
        var service = Service(state, serviceId);
        return "r" + (service.NextSequence++).ToString(CultureInfo.InvariantCulture);
    }

    public static ServiceState Service(DesiredState state, string serviceId)
    {
        if (!state.Services.TryGetValue(serviceId, out var service))
        {
            service = new ServiceState { Id = serviceId };
            state.Services[serviceId] = service;
        }

        return service;
    }
}
