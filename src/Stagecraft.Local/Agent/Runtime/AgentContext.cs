using Stagecraft.Local.Agent.Tls;

namespace Stagecraft.Local.Agent.Runtime;

/// <summary>What every part of a running agent shares.</summary>
internal sealed record AgentContext(
    AgentHome Home,
    DesiredStateStore Store,
    TimeProvider Time,
    ILoggerFactory Logging,
    RestartPolicy Restarts,
    IProcessRunner Hooks,
    SharedListeners Listeners,
    ServiceCertificates Certificates)
{
    /// <summary>The agent's metrics; null when they are off (then the proxies count nothing).</summary>
    public Metrics.AgentMetrics? Metrics { get; init; }

    public string ServiceDirectory(string serviceId) => Path.Combine(Home.ServicesDirectory, serviceId.Replace('/', Path.DirectorySeparatorChar));

    public string ReleasesDirectory(string serviceId) => Path.Combine(ServiceDirectory(serviceId), "releases");

    public string ReleaseDirectory(string serviceId, string release) => Path.Combine(ReleasesDirectory(serviceId), release);

    public string LogsDirectory(string serviceId) => Path.Combine(ServiceDirectory(serviceId), "logs");

    public string AccessLog(string serviceId) => Path.Combine(LogsDirectory(serviceId), "access.log");

    public string InstanceLog(string serviceId, string release, int index) =>
        Path.Combine(LogsDirectory(serviceId), $"{release}-{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}.log");
}
