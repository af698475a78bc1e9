using System.Globalization;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Metrics;

/// <summary>A real agent serving a real service: what a scrape of its metrics address says, and the address settings.</summary>
public sealed class AgentMetricsTests
{
    private const string Service = ServiceProject.ServiceId;

    [Fact]
    public async Task A_scrape_counts_the_requests_sent_through_the_service_by_status_class()
    {
        await using var project = new ServiceProject();
        var metricsPort = FreePort.Next();

        // The agent deploy starts reads its address from agent.yml, as a systemd-started one would.
        Directory.CreateDirectory(project.Agent.Directory);
        await File.WriteAllTextAsync(Path.Combine(project.Agent.Directory, "agent.yml"), $"metrics: 127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}\n");
        project.Write();
        await project.DeployOkAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
        var before = await Scrape.FetchAsync(http, metricsPort);

        var sent = new Dictionary<string, int> { ["2xx"] = 0, ["3xx"] = 0, ["4xx"] = 0, ["5xx"] = 0 };
        foreach (var (path, count) in new[] { ("/", 6), ("/status/302", 2), ("/status/404", 3), ("/status/503", 4), ("/status/201", 1), ("/missing", 2) })
        {
            for (var i = 0; i < count; i++)
            {
                using var response = await http.GetAsync(new Uri(project.Url, path));
                sent[$"{(int)response.StatusCode / 100}xx"]++;
            }
        }

        sent.Should().Equal(new Dictionary<string, int> { ["2xx"] = 7, ["3xx"] = 2, ["4xx"] = 5, ["5xx"] = 4 });
        var total = sent.Values.Sum();

        // Counted as each answer completes, just after the client has it: wait for the last, then compare exactly.
        Scrape? after = null;
        await Eventually.TrueAsync(async () =>
        {
            after = await Scrape.FetchAsync(http, metricsPort);
            return Delta(before, after!, "stagecraft_proxy_request_duration_seconds_count", ("service", Service), ("role", "live")) >= total;
        }, TimeSpan.FromSeconds(30), $"{total} requests in the latency histogram");

        foreach (var (code, count) in sent)
        {
            Delta(before, after!, "stagecraft_proxy_requests_total", ("service", Service), ("role", "live"), ("code", code)).Should().Be(count, code);
        }

        Delta(before, after!, "stagecraft_proxy_requests_total", ("service", Service), ("role", "live"), ("code", "failed")).Should().Be(0);
        Delta(before, after!, "stagecraft_proxy_request_duration_seconds_count", ("service", Service), ("role", "live")).Should().Be(total);
        after!.Sum("stagecraft_proxy_requests_total", ("service", Service), ("role", "candidate")).Should().Be(0, "no rollout ran");
        after!.Value("stagecraft_proxy_request_duration_seconds_bucket", ("service", Service), ("role", "live"), ("le", "+Inf"))
            .Should().Be(after.Value("stagecraft_proxy_request_duration_seconds_count", ("service", Service), ("role", "live")));
        after.Value("stagecraft_rollout_candidate_percent", ("service", Service)).Should().Be(0);
        after.Value("stagecraft_release_events_total", ("service", Service), ("kind", "release"), ("outcome", "succeeded")).Should().Be(1);
    }

    [Fact]
    public async Task Agent_start_takes_the_metrics_address_and_off_listens_on_nothing()
    {
        await using var agent = new AgentSandbox();
        var metricsPort = FreePort.Next();
        var bad = await CliProcess.RunAsync(Path.GetTempPath(), agent.Environment, "agent", "start", "--metrics", "127.0.0.1:http");
        bad.ExitCode.Should().Be(2, bad.ToString());
        bad.Error.Should().Contain("--metrics").And.Contain("off");
        (await agent.StatusAsync()).Should().BeNull("a bad address starts no agent");

        var started = await CliProcess.RunAsync(Path.GetTempPath(), agent.Environment, "agent", "start", "--metrics", $"127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}");
        started.ExitCode.Should().Be(0, started.ToString());
        using var http = new HttpClient();
        var scrape = await Scrape.FetchAsync(http, metricsPort);
        scrape.Text.Should().Contain("# TYPE stagecraft_proxy_requests_total counter").And.Contain("# TYPE stagecraft_proxy_request_duration_seconds histogram");
        (await http.GetAsync(new Uri($"http://127.0.0.1:{metricsPort.ToString(CultureInfo.InvariantCulture)}/other"))).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        await agent.StopAgentAsync();
        await Eventually.TrueAsync(() => !FreePort.IsListening(metricsPort), TimeSpan.FromSeconds(30), "the stopped agent's metrics port to close");

        (await CliProcess.RunAsync(Path.GetTempPath(), agent.Environment, "agent", "start", "--metrics", "off")).ExitCode.Should().Be(0);
        var pid = (await agent.StatusAsync())!.Pid;
        ListeningTcpSockets(pid).Should().BeEmpty("with --metrics off and no service the agent listens on no TCP port");
    }

    [Fact]
    public async Task A_bad_metrics_setting_in_agent_yml_is_refused_with_its_location()
    {
        await using var agent = new AgentSandbox();
        await File.WriteAllTextAsync(Path.Combine(agent.Directory, "agent.yml"), "# agent settings\nmetrics: 127.0.0.1:99999\nmetric: off\n");

        var result = await CliProcess.RunAsync(Path.GetTempPath(), agent.Environment, "agent");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain("agent.yml:2:10").And.Contain("agent.yml:3:1").And.Contain("did you mean 'metrics'");
        (await agent.StatusAsync()).Should().BeNull();
    }

    private static double Delta(Scrape before, Scrape after, string name, params (string, string)[] labels) =>
        after.Value(name, labels) - before.Value(name, labels);

    // Sockets the process holds (its fds) that /proc/net/tcp{,6} lists in state 0A, LISTEN.
    private static List<string> ListeningTcpSockets(int pid)
    {
        var inodes = Directory.GetFiles($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target?.StartsWith("socket:[", StringComparison.Ordinal) == true)
            .Select(target => target!["socket:[".Length..^1])
            .ToHashSet(StringComparer.Ordinal);
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 9 && fields[3] == "0A" && inodes.Contains(fields[9]))
            .Select(fields => fields[1])
            .ToList();
    }
}
