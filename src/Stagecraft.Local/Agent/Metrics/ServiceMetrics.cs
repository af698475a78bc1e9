using Prometheus;

namespace Stagecraft.Local.Agent.Metrics;

/// <summary>
/// One service's series with every labelled child looked up once, here: the request path then only does
/// interlocked arithmetic on fields, with no label lookup and no allocation.
/// </summary>
public sealed class ServiceMetrics : IProxyMetrics
{
    private static readonly string[] Roles = ["live", "candidate"];
    private static readonly string[] Classes = ["1xx", "2xx", "3xx", "4xx", "5xx", "failed", "aborted"];

    private readonly Counter.Child[] _requests;
    private readonly Histogram.Child[] _duration;
    private readonly Gauge.Child[] _inFlight;

    internal ServiceMetrics(AgentMetrics metrics, string service)
    {
        _requests = new Counter.Child[Roles.Length * Classes.Length];
        _duration = new Histogram.Child[Roles.Length];
        _inFlight = new Gauge.Child[Roles.Length];
        for (var role = 0; role < Roles.Length; role++)
        {
            _duration[role] = metrics.Duration.WithLabels(service, Roles[role]);
            _inFlight[role] = metrics.InFlight.WithLabels(service, Roles[role]);
            for (var code = 0; code < Classes.Length; code++)
            {
                _requests[(role * Classes.Length) + code] = metrics.Requests.WithLabels(service, Roles[role], Classes[code]);
            }
        }

        CandidateShare = metrics.CandidateShare.WithLabels(service);
        CandidateShare.Set(0);
    }

    internal Gauge.Child CandidateShare { get; }

    public void RequestStarted(TrafficRole role) => _inFlight[(int)role].Inc();

    public void RequestFinished(TrafficRole role, ResponseClass outcome, TimeSpan elapsed)
    {
        var index = (int)role;

        // Counted before it leaves the gauge: a scrape in between sees it twice, never not at all.
        _requests[(index * Classes.Length) + (int)outcome].Inc();
        _inFlight[index].Dec();

        // A websocket's "duration" is its session, which would swamp the request latencies.
        if (outcome != ResponseClass.Informational)
        {
            _duration[index].Observe(elapsed.TotalSeconds);
        }
    }
}
