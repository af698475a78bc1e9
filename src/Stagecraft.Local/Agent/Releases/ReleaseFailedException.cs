namespace Stagecraft.Local.Agent.Releases;

/// <summary>A release step failed for a reason the operator can act on; <see cref="Details"/> are green's last log lines.</summary>
internal sealed class ReleaseFailedException : Exception
{
    public ReleaseFailedException(string message, IReadOnlyList<string>? details = null, string? hint = null)
        : base(message)
    {
        Details = details ?? [];
        Hint = hint;
    }

    public IReadOnlyList<string> Details { get; }

    public string? Hint { get; }
}
