namespace Stagecraft.Core.Diagnostics;

/// <summary>Bad input: every problem found, each with its location. Maps to exit code 2.</summary>
public sealed class InvalidInputException(IReadOnlyList<Diagnostic> diagnostics) : StagecraftException(Summarise(diagnostics), ExitCodes.InvalidInput)
{
    public InvalidInputException(string message, string? hint = null)
        : this([new Diagnostic(SourceLocation.None, message, hint)])
    {
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;

    private static string Summarise(IReadOnlyList<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
