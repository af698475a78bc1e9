namespace Stagecraft.Core.Diagnostics;

/// <summary>One problem in the user's input: where, what, and what to do about it.</summary>
public sealed record Diagnostic(SourceLocation Location, string Message, string? Hint = null)
{
    public override string ToString()
    {
        var where = Location.Line > 0 || Location.File.Length > 0 ? $"{Location}: " : "";
        var message = OneLine(Message);
        return Hint is null ? $"{where}error: {message}" : $"{where}error: {message}\n  hint: {OneLine(Hint)}";
    }

    // A value quoted in a message may hold line breaks (a cut or mangled file): shown escaped, the
    // error stays one line and its hint stays on the next, as tools reading the output expect.
    private static string OneLine(string text) =>
        text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            : text;
}
