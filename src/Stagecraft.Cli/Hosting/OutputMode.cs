namespace Stagecraft.Cli.Hosting;

/// <summary>How to talk to whoever runs us: a live, coloured terminal, or plain lines for pipes and CI logs.</summary>
internal sealed record OutputMode(bool Live, bool Color, bool CanPrompt)
{
    public static OutputMode Detect(bool noColorFlag, Func<string, string?> environment)
    {
        var noColor = noColorFlag || !string.IsNullOrEmpty(environment("NO_COLOR"));
        var dumb = environment("TERM") is null or "dumb";
        var terminal = !Console.IsOutputRedirected && !dumb;
        var ci = !string.IsNullOrEmpty(environment("CI"));
        var live = terminal && !noColor && !ci;
        return new OutputMode(live, live, terminal && !Console.IsInputRedirected && !ci);
    }

    public static OutputMode Plain { get; } = new(false, false, false);
}
