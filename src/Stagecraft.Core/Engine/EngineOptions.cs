namespace Stagecraft.Core.Engine;

/// <summary>How a run executes its plan.</summary>
public sealed record EngineOptions
{
    public int Parallelism { get; init; } = 4;

    public bool KeepGoing { get; init; }

    public IReadOnlyCollection<string> Force { get; init; } = [];

    /// <summary>The command line, kept in history.</summary>
    public string Arguments { get; init; } = "";
}
