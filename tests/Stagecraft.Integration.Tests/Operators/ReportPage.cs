using Microsoft.Playwright;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>A report file opened in chromium with every request routed through the test (only the file itself is let through) and console errors collected.</summary>
internal sealed class ReportPage : IAsyncDisposable
{
    private ReportPage(IPage page, string fileUrl)
    {
        Page = page;
        FileUrl = fileUrl;
    }

    public IPage Page { get; }

    public string FileUrl { get; }

    public List<string> Problems { get; } = [];

    public List<string> Requested { get; } = [];

    /// <summary>
    /// Where screenshots are kept for people to look at after the run: beside the run's test results, never in the
    /// test process's working directory (the fuzz test checks that nothing appears there while it runs).
    /// </summary>
    public static string ArtifactDirectory => Path.Combine(Support.Repository.Root, ".build", "test-results", "screenshots");

    public static async Task<ReportPage> OpenAsync(IBrowser browser, string path)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var report = new ReportPage(page, new Uri(path).AbsoluteUri);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                report.Problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => report.Problems.Add("page error: " + error);
        await page.RouteAsync("**/*", async route =>
        {
            report.Requested.Add(route.Request.Url);
            if (route.Request.Url == report.FileUrl)
            {
                await route.ContinueAsync();
            }
            else
            {
                await route.AbortAsync();
            }
        });
        await page.GotoAsync(report.FileUrl);
        return report;
    }

    public Task<string[]> StagesAsync(string selector) =>
        Page.Locator(selector).EvaluateAllAsync<string[]>("elements => elements.map(e => e.dataset.stage)");

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ArtifactDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactDirectory, name), FullPage = true });
    }

    /// <summary>Only the part above the first element matching <paramref name="until"/> (the run, timeline and graph, without logs).</summary>
    public async Task ScreenshotTopAsync(string name, string until)
    {
        var box = await Page.Locator(until).First.BoundingBoxAsync() ?? throw new InvalidOperationException($"nothing matches {until}");
        Directory.CreateDirectory(ArtifactDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactDirectory, name), Clip = new Clip { X = 0, Y = 0, Width = 1200, Height = box.Y - 8 } });
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
