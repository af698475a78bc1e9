using Prometheus;

namespace Stagecraft.Local.Agent.Metrics;

/// <summary>
/// Every series the agent exports, in a registry of its own (no process or runtime series from the library's
/// default registry). Labels are the service id and the traffic role, never a release id: a release id grows
/// without bound, a role does not.
/// </summary>
public sealed class AgentMetrics
{
    private static readonly double[] LatencyBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly ConcurrentDictionary<string, ServiceMetrics> _services = new(StringComparer.Ordinal);

    public AgentMetrics()
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(_registry);
        Requests = factory.CreateCounter("stagecraft_proxy_requests_total",
            "Requests the proxy finished, by status class (1xx..5xx), 'failed' (the backend gave no answer) or 'aborted' (the client left).",
            new CounterConfiguration { LabelNames = ["service", "role", "code"] });
        Duration = factory.CreateHistogram("stagecraft_proxy_request_duration_seconds",
            "Time from the proxy receiving a request to its answer being complete (websocket sessions excluded).",
            new HistogramConfiguration { LabelNames = ["service", "role"], Buckets = LatencyBuckets });
        InFlight = factory.CreateGauge("stagecraft_proxy_requests_in_flight",
            "Requests and websocket sessions being served right now.",
            new GaugeConfiguration { LabelNames = ["service", "role"] });
        CandidateShare = factory.CreateGauge("stagecraft_rollout_candidate_percent",
            "Percentage of new requests sent to the candidate release: a rollout step, or 0 when no rollout runs.",
            new GaugeConfiguration { LabelNames = ["service"] });
        ReleaseEvents = factory.CreateCounter("stagecraft_release_events_total",
            "Releases and rollbacks the agent finished, by outcome (succeeded, unchanged, failed, aborted).",
            new CounterConfiguration { LabelNames = ["service", "kind", "outcome"] });
    }

    internal Counter Requests { get; }

    internal Histogram Duration { get; }

    internal Gauge InFlight { get; }

    internal Gauge CandidateShare { get; }

    internal Counter ReleaseEvents { get; }

    /// <summary>The recorder a service's proxy calls; one per service id, made on first use with every series at zero.</summary>
    public ServiceMetrics For(string service) => _services.GetOrAdd(service, id => new ServiceMetrics(this, id));

    /// <summary>The rollout's current step: the percentage of new requests going to the candidate (0 to 100).</summary>
    public void SetCandidateShare(string service, double percent) =>
        For(service).CandidateShare.Set(Math.Clamp(percent, 0, 100));

    /// <summary>Counts one finished release or rollback.</summary>
    public void ReleaseFinished(string service, ReleaseKind kind, ReleaseEventOutcome outcome) =>
        ReleaseEvents.WithLabels(service, kind.Label(), outcome.Label()).Inc();

    /// <summary>Writes every series in the Prometheus text format (version 0.0.4).</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(destination, cancellationToken);
}
