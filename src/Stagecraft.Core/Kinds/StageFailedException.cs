using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Core.Kinds;

/// <summary>A stage failed for a reason the user can act on; <see cref="Details"/> are shown under it (e.g. the last log lines).</summary>
public sealed class StageFailedException : StagecraftException
{
    public StageFailedException(string message, IReadOnlyList<string>? details = null, string? hint = null, Exception? inner = null)
        : base(message, ExitCodes.StageFailed, hint, inner)
    {
        Details = details ?? [];
    }

    public IReadOnlyList<string> Details { get; }
}
