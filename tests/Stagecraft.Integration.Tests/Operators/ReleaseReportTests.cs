using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>A service stage's release in the run report: its phases on the run's timeline and the requests each release answered.</summary>
public sealed class ReleaseReportTests : IClassFixture<HeadlessChromium>
{
    private const int Requests = 5;
    private readonly HeadlessChromium _chromium;

    public ReleaseReportTests(HeadlessChromium chromium)
    {
        _chromium = chromium;
    }

    [Fact]
    public async Task A_blue_green_release_shows_its_steps_on_the_timeline_and_the_requests_each_release_answered()
    {
        await using var project = new ServiceProject();
        project.Write();
        await project.DeployOkAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < Requests; i++)
        {
            (await http.GetAsync(project.Url)).EnsureSuccessStatusCode();
        }

        project.Write(new() { ["APP_VERSION"] = "v2" });
        var second = await project.DeployAsync();
        second.ExitCode.Should().Be(0, second.ToString());
        var path = Path.Combine(project.Path, "release.html");
        var written = await project.RunAsync("report", "-o", path);
        written.ExitCode.Should().Be(0, written.ToString());

        await using var report = await ReportPage.OpenAsync(_chromium.Browser, path);
        var page = report.Page;

        var row = page.Locator("#timeline g.release[data-stage='web']");
        (await row.GetAttributeAsync("data-release")).Should().Be("r2");
        (await row.Locator("rect.phase").EvaluateAllAsync<string[]>("rects => rects.map(r => r.dataset.phase)"))
            .Should().Equal("staging", "starting", "health gate", "switch", "drain", "stop");
        var section = page.Locator("section[data-stage='web'] .release-traffic");
        (await section.Locator(".step").EvaluateAllAsync<string[]>("steps => steps.map(s => s.dataset.step)"))
            .Should().Equal("staged", "started", "healthy", "switched", "drained", "stopped");
        (await section.Locator("[data-lane]").EvaluateAllAsync<string[]>("lanes => lanes.map(l => l.textContent)")).Should().Equal("r1", "r2");
        // Only the test's requests went through the proxy (health probes go to the instances), all before the release.
        (await section.Locator(".release-summary").InnerTextAsync()).Should()
            .Be($"r1 → r2: r1 served {Requests} requests before the switch and finished 0 in flight; r2 served 0 requests");
        await report.ScreenshotAsync("release-report.png");
        Directory.CreateDirectory(ReportPage.ArtifactDirectory);
        await section.ScreenshotAsync(new() { Path = Path.Combine(ReportPage.ArtifactDirectory, "release-traffic.png") });
        report.Problems.Should().BeEmpty();
        report.Requested.Should().Equal(report.FileUrl);

        // The first run released r1 with nothing before it: one lane, no drain.
        var firstPath = Path.Combine(project.Path, "first.html");
        (await project.RunAsync("report", "1", "-o", firstPath)).ExitCode.Should().Be(0);
        await using var first = await ReportPage.OpenAsync(_chromium.Browser, firstPath);
        (await first.Page.Locator("#timeline g.release[data-stage='web'] rect.phase").EvaluateAllAsync<string[]>("rects => rects.map(r => r.dataset.phase)"))
            .Should().Equal("staging", "starting", "health gate", "switch");
        (await first.Page.Locator("section[data-stage='web'] .release-summary").InnerTextAsync()).Should().Be("first release: r1 served 0 requests");
    }
}
