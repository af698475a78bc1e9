using System.Text.Json;
using Stagecraft.Cli.Notifications;
using Stagecraft.Integration.Tests.Data;
using Stagecraft.Integration.Tests.Proxy;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>notify: webhooks hear about runs, a 500 is retried, a dead receiver costs a warning and never the deploy, secrets stay masked.</summary>
public sealed class NotifyTests : IAsyncLifetime
{
    private const string Secret = "hook-S3cr3t+value/xyz";
    private readonly TempDirectory _directory = new("stagecraft-notify");
    private readonly TempDirectory _home = new("stagecraft-notify-home");
    private readonly CliHarness _cli;
    private WebhookReceiver _receiver = null!;

    public NotifyTests()
    {
        _cli = new CliHarness(_home.Combine("keys"));
    }

    private string File => _directory.Combine("stagecraft.yml");

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        _directory.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task Each_run_sends_its_events_to_the_hooks_that_asked_and_no_secret_leaves()
    {
        WriteProject($$"""
            notify:
              - url: "{{_receiver.Url}}all"
                headers: { Authorization: "Bearer ${secret:hook_token}" }
            environments:
              local:
                target: local
                notify:
                  - url: "{{_receiver.Url}}slack"
                    format: slack
                    on: [failed]
            """);
        await SetSecretAsync();

        var failed = await _cli.RunAsync(null, "deploy", "-f", File, "--yes");
        failed.Exit.Should().Be(1, failed.ToString());
        Events("/all").Should().Equal("started", "failed");
        var failure = Bodies("/all").Last();
        failure.GetProperty("schema_version").GetInt32().Should().Be(1);
        failure.GetProperty("verb").GetString().Should().Be("deploy");
        failure.GetProperty("status").GetString().Should().Be("failed");
        failure.GetProperty("project").GetString().Should().Be("told");
        failure.GetProperty("environment").GetString().Should().Be("local");
        failure.GetProperty("who").GetProperty("user").GetString().Should().Be(_cli.Host.UserName);
        var flaky = failure.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "flaky");
        flaky.GetProperty("result").GetString().Should().Be("failed");
        flaky.GetProperty("error").GetString().Should().NotBeNullOrEmpty();
        _receiver.Requests.Where(r => r.Path == "/all").Should().OnlyContain(r => r.Headers["Authorization"] == "Bearer " + Secret, "the header's secret is resolved for the receiver");
        var slack = _receiver.Requests.Single(r => r.Path == "/slack");
        JsonDocument.Parse(slack.Body).RootElement.GetProperty("text").GetString().Should().Contain("deploy of told to local: failed");

        _directory.Write("fixed", "");
        var waiting = await _cli.RunAsync(null, "deploy", "-f", File, "--yes");
        waiting.Exit.Should().Be(5, waiting.ToString());
        Events("/all").Should().Equal("started", "failed", "started", "awaiting_approval");

        (await _cli.RunAsync(null, "approve", "gate", "-f", File)).Exit.Should().Be(0);
        var succeeded = await _cli.RunAsync(null, "deploy", "-f", File, "--yes");
        succeeded.Exit.Should().Be(0, succeeded.ToString());
        var destroyed = await _cli.RunAsync(null, "destroy", "-f", File, "--yes");
        destroyed.Exit.Should().Be(0, destroyed.ToString());

        Events("/all").Should().Equal("started", "failed", "started", "awaiting_approval", "started", "succeeded", "started", "succeeded");
        Bodies("/all").Last().GetProperty("verb").GetString().Should().Be("destroy");
        _receiver.Requests.Count(r => r.Path == "/slack").Should().Be(1, "the slack hook asked only for failures");
        var history = await _cli.RunAsync(null, "history", "-f", File, "--json");
        _receiver.Requests.Should().OnlyContain(r => !r.Body.Contains(Secret, StringComparison.Ordinal) && !r.Body.Contains("S3cr3t", StringComparison.Ordinal));
        _cli.Transcript.Should().OnlyContain(t => !t.Contains(Secret, StringComparison.Ordinal));
        history.Out.Should().NotContain(Secret);
    }

    [Fact]
    public async Task A_500_is_retried_and_delivered_once()
    {
        WriteProject($$"""
            notify:
              - { url: "{{_receiver.Url}}hook", on: [succeeded] }
            """, withFailingStage: false);
        _receiver.AnswerNext(500);

        var deploy = await _cli.RunAsync(null, "deploy", "-f", File, "--yes");

        deploy.Exit.Should().Be(0, deploy.ToString());
        _receiver.Requests.Select(r => r.Status).Should().Equal(500, 200);
        _receiver.DeliveredEvents.Should().Equal("succeeded");
        deploy.Error.Should().NotContain("warning");
    }

    [Fact]
    public async Task A_hook_hears_a_runs_events_in_order_even_when_the_first_one_is_retried()
    {
        WriteProject($$"""
            notify:
              - { url: "{{_receiver.Url}}hook" }
            """, withFailingStage: false);
        // 'started' is refused once and sent again after a backoff, time in which 'succeeded' could overtake it.
        _receiver.AnswerNext(503);

        var deploy = await _cli.RunAsync(null, "deploy", "-f", File, "--yes");

        deploy.Exit.Should().Be(0, deploy.ToString());
        _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("event").GetString()).Should()
            .Equal(["started", "started", "succeeded"], "'succeeded' waits until 'started' was delivered");
        _receiver.Requests.Select(r => r.Status).Should().Equal(503, 200, 200);
    }

    [Fact]
    public async Task A_dead_receiver_costs_a_warning_in_the_output_and_history_but_not_the_deploy()
    {
        var dead = ClosedPort.Create();
        WriteProject($$"""
            notify:
              - { url: "{{dead}}hook?token=${secret:hook_token}", on: [succeeded] }
            """, withFailingStage: false);
        await SetSecretAsync();

        var deploy = await _cli.RunAsync(null, "deploy", "-f", File, "--yes");

        deploy.Exit.Should().Be(0, deploy.ToString());
        deploy.Error.Should().Contain("warning: notify #1").And.Contain("'succeeded' not delivered").And.Contain($"after {WebhookPolicy.Default.Attempts} attempts");
        var history = await _cli.RunAsync(null, "history", "-f", File, "--json");
        history.Out.Should().Contain("not delivered");
        _cli.Transcript.Should().OnlyContain(t => !t.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sender_stops_after_its_attempts_with_backoff_on_the_injected_clock()
    {
        using var http = new HttpClient();
        var policy = WebhookPolicy.Default;
        var time = new BackoffClock(policy.AttemptTimeout);
        for (var i = 0; i < 10; i++)
        {
            _receiver.AnswerNext(503);
        }

        var sender = new WebhookSender(http, time, policy);
        var sending = sender.SendAsync(new Uri(_receiver.Url, "hook"), [], "{}", CancellationToken.None);
        for (var attempt = 1; attempt < policy.Attempts; attempt++)
        {
            await Eventually.TrueAsync(() => time.Waits == attempt, $"the backoff after attempt {attempt}");
            _receiver.Requests.Should().HaveCount(attempt, "it waits before attempt {0}", attempt + 1);
            time.Advance(policy.Backoff(attempt));
        }

        var problem = await sending.Within();
        problem.Should().Be($"HTTP 503 Service Unavailable (after {policy.Attempts} attempts)");
        _receiver.Requests.Should().HaveCount(WebhookPolicy.Default.Attempts);
    }

    [Fact]
    public async Task A_bad_notify_entry_is_an_error_with_its_location()
    {
        WriteProject("""
            notify:
              - { url: "ftp://example.invalid/x", on: [started, deployed], format: teams }
              - { url: "http://127.0.0.1:9/x", headers: { "Aut horization": token } }
            """, withFailingStage: false);

        var validate = await _cli.RunAsync(null, "validate", "-f", File);

        validate.Exit.Should().Be(2, validate.ToString());
        validate.Error.Should().Contain("stagecraft.yml:3:").And.Contain("must be an http:// or https:// URL")
            .And.Contain("unknown event 'deployed'").And.Contain("unknown format 'teams'")
            .And.Contain("'Aut horization' is not a valid HTTP header name").And.Contain("hint: a header name is letters, digits");
    }

    private async Task SetSecretAsync()
    {
        var set = await _cli.RunAsync(Secret + "\n", "secret", "set", "hook_token", "-f", File);
        set.Exit.Should().Be(0, set.ToString());
    }

    private List<string> Events(string path) => Bodies(path).Select(b => b.GetProperty("event").GetString()!).ToList();

    private List<JsonElement> Bodies(string path) => _receiver.Requests.Where(r => r.Path == path && r.Status < 300).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    private void WriteProject(string notify, bool withFailingStage = true)
    {
        var stages = withFailingStage
            ? """
              stages:
                base:
                  kind: command
                  run: ["sh", "-c", "echo base"]
                flaky:
                  kind: command
                  run: ["sh", "-c", "echo \"token is $T\" >&2; test -f fixed"]
                  env: { T: "${secret:hook_token}" }
                  depends_on: [base]
                gate:
                  kind: manual
                  instructions: approve me
                  depends_on: [flaky]
              """
            : """
              stages:
                base:
                  kind: command
                  run: ["sh", "-c", "echo base"]
              """;
        _directory.Write("stagecraft.yml", "project: told\n" + notify + "\n" + stages + "\n");
    }
}
