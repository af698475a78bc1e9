namespace Stagecraft.Aws.Tools;

/// <summary>One run of a tool: its argv after the program name, where, and what it gets.</summary>
internal sealed record ToolRun(Tool Tool, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }

    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public string? StandardInput { get; init; }

    public TimeSpan? Timeout { get; init; }

    /// <summary>When false the lines are not written to the stage log (they are still returned).</summary>
    public bool LogOutput { get; init; } = true;
}
