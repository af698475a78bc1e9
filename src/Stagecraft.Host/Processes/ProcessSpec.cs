namespace Stagecraft.Host.Processes;

/// <summary>What to run: a program and its arguments (never a shell string), where, and for how long.</summary>
public sealed record ProcessSpec
{
    /// <summary>The program (a name looked up on PATH, or a path) followed by its arguments, each passed as-is.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>Defaults to this process's current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Changes to the inherited environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>After this long the whole process tree is stopped and the result says it timed out.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long the tree gets to exit after SIGTERM before it is killed.</summary>
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After the program exits, how long to keep reading output that a background process it left
    /// behind may still hold open; after that the run ends without waiting for it.
    /// </summary>
    public TimeSpan OutputDrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Text written to the program's standard input before it is closed (a password for
    /// '--password-stdin', never an argument); null closes it at once.
    /// </summary>
    public string? StandardInput { get; init; }

    /// <summary>The program as written, for messages.</summary>
    public string Program => Arguments.Count > 0 ? Arguments[0] : "";
}
