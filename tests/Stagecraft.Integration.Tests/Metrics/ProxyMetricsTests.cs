using Stagecraft.Integration.Tests.Proxy;
using Stagecraft.Local.Agent.Metrics;
using Stagecraft.Local.Proxy;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Metrics;

/// <summary>The proxy's recorder in front of real backends: roles, failed connections and the candidate share.</summary>
public sealed class ProxyMetricsTests
{
    private const string Service = "shop/prod/web";

    [Fact]
    public async Task Requests_are_counted_by_the_role_of_their_pool_and_an_unreachable_backend_counts_as_failed()
    {
        var metrics = new AgentMetrics();
        await using var harness = await ProxyHarness.StartAsync(o => o with { Metrics = metrics.For(Service) });
        var live = await harness.AddPoolAsync("r1", 1, context => { context.Response.StatusCode = 204; return Task.CompletedTask; });
        var candidate = await harness.AddPoolAsync("r2", 1, context => { context.Response.StatusCode = 500; return Task.CompletedTask; });
        candidate.Role = TrafficRole.Candidate;

        harness.Proxy.Route(live);
        await SendAsync(harness, 3);
        harness.Proxy.Route(candidate);
        metrics.SetCandidateShare(Service, 10);
        await SendAsync(harness, 2);
        harness.Proxy.Route(new BackendPool("r3", [ClosedPort.Create()]));
        await SendAsync(harness, 4);

        // The counters move after the answer went out: wait for every one (of both roles), then every figure must be exact.
        await Eventually.TrueAsync(async () =>
        {
            var seen = await ScrapeAsync(metrics);
            return seen.Value("stagecraft_proxy_request_duration_seconds_count", ("role", "live")) == 7
                && seen.Value("stagecraft_proxy_request_duration_seconds_count", ("role", "candidate")) == 2;
        }, TimeSpan.FromSeconds(20), "all nine requests to be counted");
        var scrape = await ScrapeAsync(metrics);
        Count(scrape, "live", "2xx").Should().Be(3);
        Count(scrape, "candidate", "5xx").Should().Be(2);
        Count(scrape, "live", "failed").Should().Be(4);
        Count(scrape, "live", "5xx").Should().Be(0, "a backend that never answered is 'failed', not a 5xx of the app");
        scrape.Value("stagecraft_proxy_request_duration_seconds_count", ("service", Service), ("role", "candidate")).Should().Be(2);
        scrape.Value("stagecraft_proxy_requests_in_flight", ("service", Service), ("role", "live")).Should().Be(0);
        scrape.Value("stagecraft_rollout_candidate_percent", ("service", Service)).Should().Be(10);
        scrape.LabelsOf("stagecraft_proxy_requests_total").Should().OnlyContain(l => l.Keys.Order(StringComparer.Ordinal).SequenceEqual(new[] { "code", "role", "service" }),
            "series are labelled by service and role, never by release id");
    }

    [Fact]
    public async Task A_request_still_running_is_in_flight_until_it_ends()
    {
        var metrics = new AgentMetrics();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await ProxyHarness.StartAsync(o => o with { Metrics = metrics.For(Service) });
        harness.Proxy.Route(await harness.AddPoolAsync("r1", 1, async context => { await release.Task; context.Response.StatusCode = 200; }));

        var pending = harness.Client.GetAsync(new Uri("/", UriKind.Relative));
        await Eventually.TrueAsync(async () => (await ScrapeAsync(metrics)).Value("stagecraft_proxy_requests_in_flight", ("role", "live")) == 1,
            TimeSpan.FromSeconds(20), "the request to be in flight");
        release.SetResult();
        using (await pending)
        {
        }

        await Eventually.TrueAsync(async () => (await ScrapeAsync(metrics)).Value("stagecraft_proxy_requests_in_flight", ("role", "live")) == 0,
            TimeSpan.FromSeconds(20), "the request to leave the gauge");
        Count(await ScrapeAsync(metrics), "live", "2xx").Should().Be(1);
    }

    private static double Count(Scrape scrape, string role, string code) =>
        scrape.Value("stagecraft_proxy_requests_total", ("service", Service), ("role", role), ("code", code));

    private static async Task SendAsync(ProxyHarness harness, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await harness.Client.GetAsync(new Uri("/", UriKind.Relative));
        }
    }

    private static async Task<Scrape> ScrapeAsync(AgentMetrics metrics)
    {
        using var buffer = new MemoryStream();
        await metrics.WriteAsync(buffer, CancellationToken.None);
        return Scrape.Parse(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
