namespace Stagecraft.Aws.Tools;

/// <summary>How a tool ended and what it printed (stdout and stderr, in order).</summary>
internal sealed record ToolResult(int ExitCode, bool TimedOut, IReadOnlyList<string> Lines, IReadOnlyList<string> StandardOutput)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    public string Stdout => string.Join('\n', StandardOutput);
}
