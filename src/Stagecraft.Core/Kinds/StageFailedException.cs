namespace Stagecraft.Core.Kinds;

/// <summary>A stage failed for a reason the user can act on; <see cref="Details"/> are shown under it (e.g. the last log lines).</summary>
public sealed class StageFailedException(string message, IReadOnlyList<string>? details = null, string? hint = null, Exception? inner = null) : StagecraftException(message, ExitCodes.StageFailed, hint, inner)
{
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
