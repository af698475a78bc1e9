namespace Stagecraft.Core.Diagnostics;

/// <summary>An error meant for the user: a message, an optional hint, and the exit code it maps to.</summary>
public class StagecraftException : Exception
{
    public StagecraftException(string message, int exitCode, string? hint = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Hint = hint;
    }

    public int ExitCode { get; }

    public string? Hint { get; }
}
