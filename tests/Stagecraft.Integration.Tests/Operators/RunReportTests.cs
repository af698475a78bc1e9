using Stagecraft.Integration.Tests.Data;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>stagecraft report: the HTML page of a run, opened in a real headless chromium.</summary>
public sealed class RunReportTests : IClassFixture<HeadlessChromium>, IDisposable
{
    private const string Secret = "rep0rt-S3cret-value";
    private readonly HeadlessChromium _chromium;
    private readonly TempDirectory _directory = new("stagecraft-report");
    private readonly TempDirectory _home = new("stagecraft-report-home");
    private readonly CliHarness _cli;

    public RunReportTests(HeadlessChromium chromium)
    {
        _chromium = chromium;
        _cli = new CliHarness(_home.Combine("keys"));
    }

    public void Dispose()
    {
        _directory.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task The_report_shows_every_stage_the_critical_path_and_the_failure_hint_with_no_request_and_no_secret()
    {
        // a → b (long) → d and a → c (short) → d: the critical path is a, b, d. 'broken' fails on its own.
        // b ends 2 s after c's process has, however late the machine starts c.
        _directory.Write("stagecraft.yml", """
            project: reported
            stages:
              a:
                kind: command
                run: ["sh", "-c", "echo building a; sleep 0.2"]
              b:
                kind: command
                run: ["sh", "-c", "for i in $(seq 1 40); do echo line $i of b; done; while [ ! -f c.done ]; do sleep 0.05; done; sleep 2"]
                depends_on: [a]
              c:
                kind: command
                run: ["sh", "-c", "echo token=$T >> $STAGECRAFT_OUTPUT; echo c used $T; touch c.done"]
                env: { T: "${secret:report_token}" }
                depends_on: [a]
              d:
                kind: command
                run: ["sh", "-c", "echo done"]
                depends_on: [b, c]
              broken:
                kind: command
                run: ["sh", "-c", "echo never"]
                workdir: no-such-dir
            """);
        var file = _directory.Combine("stagecraft.yml");
        var set = await _cli.RunAsync(Secret + "\n", "secret", "set", "report_token", "-f", file);
        set.Exit.Should().Be(0, set.ToString());
        var reportPath = _directory.Combine("out", "run.html");
        Directory.CreateDirectory(Path.GetDirectoryName(reportPath)!);

        var deploy = await _cli.RunAsync(null, "deploy", "-f", file, "--yes", "--keep-going", "--report", reportPath);

        deploy.Exit.Should().Be(1, deploy.ToString());
        File.Exists(reportPath).Should().BeTrue(deploy.ToString());
        File.ReadAllText(reportPath).Should().NotContain(Secret);

        await using var report = await ReportPage.OpenAsync(_chromium.Browser, reportPath);
        var page = report.Page;

        (await report.StagesAsync("#timeline g.bar")).Should().BeEquivalentTo("a", "b", "c", "d", "broken");
        (await report.StagesAsync("#timeline g.bar[data-critical='true']")).Should().Equal("a", "b", "d");
        (await page.Locator("section[data-stage='broken'] .hint").InnerTextAsync()).Should().Contain("create it, or point 'workdir' at an existing directory");
        (await page.Locator("section[data-stage='broken'] .error").InnerTextAsync()).Should().Contain("no-such-dir");
        (await page.Locator("section[data-stage='c'] .outputs").InnerTextAsync()).Should().Contain("token").And.Contain("****");
        (await page.Locator("section[data-stage='b'] details pre").TextContentAsync()).Should().Contain("line 1 of b", "the full log is folded in");
        await report.ScreenshotAsync("run-report.png");

        report.Problems.Should().BeEmpty();
        report.Requested.Should().Equal(report.FileUrl);
        _cli.Transcript.Should().OnlyContain(t => !t.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_defaults_to_the_last_run_and_refuses_an_unknown_one()
    {
        _directory.Write("stagecraft.yml", "project: reported\nstages:\n  only:\n    kind: command\n    run: [\"true\"]\n");
        var file = _directory.Combine("stagecraft.yml");
        (await _cli.RunAsync(null, "deploy", "-f", file, "--yes")).Exit.Should().Be(0);
        var output = _directory.Combine("last.html");

        var report = await _cli.RunAsync(null, "report", "-f", file, "-o", output);
        var unknown = await _cli.RunAsync(null, "report", "42", "-f", file);

        report.Exit.Should().Be(0, report.ToString());
        File.ReadAllText(output).Should().Contain("Run 1: deploy of reported to local");
        unknown.Exit.Should().Be(2, unknown.ToString());
        unknown.Error.Should().Contain("there is no run 42");
    }
}
