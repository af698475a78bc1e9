namespace Stagecraft.Local.Agent.Protocol;

/// <summary>Size-based rotation of each instance's log: the file rolls to .1, .2, … past <see cref="MaxBytes"/>.</summary>
public sealed record LogSpec
{
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Rolled files kept besides the current one.</summary>
    public int Keep { get; init; } = 3;
}
