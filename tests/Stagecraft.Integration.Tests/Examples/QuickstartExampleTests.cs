using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Stagecraft.Integration.Tests.Operators;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Examples;

/// <summary>
/// examples/quickstart as the README runs it, on a copy outside the repository (as users copy it) with its
/// own port and agent: the first deploy builds, migrates, releases and prints the URL; the second changes
/// nothing; an edited app is released blue/green while a client keeps asking, and the notes written before
/// survive; destroy takes it down.
/// </summary>
public sealed class QuickstartExampleTests : IAsyncLifetime, IClassFixture<HeadlessChromium>
{
    private readonly string _directory;
    private readonly int _port = FreePort.Next();
    private readonly AgentSandbox _agent = new();

    private readonly HeadlessChromium _chromium;

    public QuickstartExampleTests(HeadlessChromium chromium)
    {
        _chromium = chromium;
        // Outside the checkout: nothing above the copy (Directory.Build.props, central package versions) may help it build.
        _directory = ExampleCopy.OutsideTheRepository("quickstart");
        var project = Path.Combine(_directory, "stagecraft.yml");
        var yaml = File.ReadAllText(project);
        yaml.Should().Contain("app_port: 8080");
        File.WriteAllText(project, yaml.Replace("app_port: 8080", $"app_port: {_port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal));
    }

    private Uri Url => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/");

    [Fact]
    public async Task Deploys_says_nothing_changed_then_releases_an_edited_app_without_a_failed_request()
    {
        var first = await DeployAsync();

        first.ExitCode.Should().Be(0, first.ToString());
        first.Output.Should().Contain($"web: http://127.0.0.1:{_port}");
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };
        (await VersionAsync(http)).Should().Be(("1.0.0", "r1"));
        (await http.PostAsJsonAsync("notes", new { body = "written before the release" })).EnsureSuccessStatusCode();

        var second = await DeployAsync();

        second.ExitCode.Should().Be(0, second.ToString());
        second.Output.Should().Contain("4 unchanged (nothing to do)");

        var source = Path.Combine(_directory, "app", "AppInfo.cs");
        File.WriteAllText(source, File.ReadAllText(source).Replace("\"1.0.0\"", "\"1.1.0\"", StringComparison.Ordinal));
        var failures = new ConcurrentQueue<string>();
        var answered = 0;
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            // Bounded in count as well as by the release it watches.
            for (var sent = 0; sent < 100_000 && !stop.IsCancellationRequested; sent++)
            {
                try
                {
                    using var response = await http.GetAsync("version", CancellationToken.None);
                    if (!response.IsSuccessStatusCode)
                    {
                        failures.Enqueue($"status {(int)response.StatusCode}");
                    }

                    Interlocked.Increment(ref answered);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    failures.Enqueue(ex.Message);
                }
            }
        });

        var third = await DeployAsync();
        await stop.CancelAsync();
        await poller;

        third.ExitCode.Should().Be(0, third.ToString());
        third.Output.Should().MatchRegex(@"schema\s+migrations\s+no-change").And.Contain("3 succeeded, 1 unchanged");
        third.Output.Should().MatchRegex(@"build\s*\|\s*update").And.MatchRegex(@"web\s*\|\s*update");
        (await VersionAsync(http)).Should().Be(("1.1.0", "r2"));
        failures.Should().BeEmpty($"{answered} requests were answered during the release");
        answered.Should().BeGreaterThan(10);
        (await http.GetStringAsync("notes")).Should().Contain("written before the release");

        // The release's report: every stage on the timeline, the chain that decided the run's end, web's release traffic, no request, no error.
        var written = await CliProcess.RunAsync(_directory, _agent.Environment, "report", "-f", "stagecraft.yml", "-o", "report.html");
        written.ExitCode.Should().Be(0, written.ToString());
        await using var report = await ReportPage.OpenAsync(_chromium.Browser, Path.Combine(_directory, "report.html"));
        (await report.StagesAsync("#timeline g.bar")).Should().BeEquivalentTo("build", "schema", "web", "smoke");
        (await report.StagesAsync("#timeline g.bar[data-critical='true']")).Should().Equal("build", "web", "smoke");
        // web's release traffic: r1 → r2 on the run's clock, and the requests the poller sent answered by each release.
        (await report.Page.Locator("#timeline g.release[data-stage='web']").GetAttributeAsync("data-release")).Should().Be("r2");
        (await report.Page.Locator("#timeline g.release[data-stage='web'] rect.phase").EvaluateAllAsync<string[]>("rects => rects.map(r => r.dataset.phase)"))
            .Should().Contain(["health gate", "switch", "drain"]);
        (await report.Page.Locator("section[data-stage='web'] .release-summary").InnerTextAsync()).Should()
            .MatchRegex(@"^r1 → r2: r1 served \d+ requests? before the switch and finished \d+ in flight; r2 served \d+ requests?$");
        await report.ScreenshotAsync("quickstart-report.png");
        await report.ScreenshotTopAsync("quickstart-report-top.png", "section.stage");
        report.Problems.Should().BeEmpty();
        report.Requested.Should().Equal(report.FileUrl);

        var destroyed = await CliProcess.RunAsync(Path.GetTempPath(), _agent.Environment, "destroy", "-f", Path.Combine(_directory, "stagecraft.yml"), "--yes", "--no-color");

        destroyed.ExitCode.Should().Be(0, destroyed.ToString());
        await FluentActions.Awaiting(() => http.GetAsync("version")).Should().ThrowAsync<HttpRequestException>("destroy stops the service and its proxy listener");
    }

    // From another directory, naming the copy's file, as `stagecraft deploy -f COPY/stagecraft.yml` is run.
    private async Task<CliResult> DeployAsync() =>
        await CliProcess.RunAsync(Path.GetTempPath(), _agent.Environment, "deploy", "-f", Path.Combine(_directory, "stagecraft.yml"), "--yes", "--no-color");

    private static async Task<(string Version, string Release)> VersionAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("version"));
        return (document.RootElement.GetProperty("version").GetString()!, document.RootElement.GetProperty("release").GetString()!);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        ExampleCopy.Delete(_directory);
    }
}
