namespace Stagecraft.Cli.Hosting;

/// <summary>What every command gets: consoles, host facts, time and the catalog. Tests build their own.</summary>
internal sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader In { get; init; }

    public required IHostInfo Host { get; init; }

    public required TimeProvider Time { get; init; }

    public required Func<Catalog> CatalogFactory { get; init; }

    public required Func<string, string?> Environment { get; init; }

    /// <summary>The command line as typed, kept in run history.</summary>
    public string CommandLine { get; set; } = "";

    /// <summary>Forced output mode (tests); null means detect from the terminal and flags.</summary>
    public OutputMode? ForcedMode { get; init; }

    public OutputMode Mode(bool noColorFlag) => ForcedMode ?? OutputMode.Detect(noColorFlag, Environment);

    public IAnsiConsole Console(OutputMode mode, TextWriter? writer = null) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = mode.Color ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = mode.Color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = mode.CanPrompt ? InteractionSupport.Yes : InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer ?? Out),
    });
}
