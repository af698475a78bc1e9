namespace Stagecraft.Core.Diagnostics;

/// <summary>An error meant for the user: a message, an optional hint, and the exit code it maps to.</summary>
public class StagecraftException(string message, int exitCode, string? hint = null, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public string? Hint { get; } = hint;
}
