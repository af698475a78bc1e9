namespace Stagecraft.FakeAws;

/// <summary>Ends the fake with an exit code and stderr text, as the real tool would fail.</summary>
internal sealed class FakeError : Exception
{
    public FakeError(int exitCode, string text)
        : base(text)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    /// <summary>The aws CLI's shape for a service error.</summary>
    public static FakeError Aws(string code, string operation, string message) =>
        new(254, $"\nAn error occurred ({code}) when calling the {operation} operation: {message}");
}
