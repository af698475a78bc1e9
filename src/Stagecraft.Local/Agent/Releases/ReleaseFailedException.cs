namespace Stagecraft.Local.Agent.Releases;

/// <summary>A release step failed for a reason the operator can act on; <see cref="Details"/> are green's last log lines.</summary>
internal sealed class ReleaseFailedException(string message, IReadOnlyList<string>? details = null, string? hint = null) : Exception(message)
{
    public IReadOnlyList<string> Details { get; } = details ?? [];

    public string? Hint { get; } = hint;
}
