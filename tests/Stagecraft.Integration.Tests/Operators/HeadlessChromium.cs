using Microsoft.Playwright;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>
/// One Debian chromium per test class, driven by Playwright. Playwright cannot download a browser here,
/// so it is pointed at the system's; as root chromium needs --no-sandbox.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: the report's browser tests need Debian's chromium (apt-get install chromium, or run scripts/test-deps.sh)");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-gpu"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
