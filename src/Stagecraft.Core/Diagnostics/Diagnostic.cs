namespace Stagecraft.Core.Diagnostics;

/// <summary>One problem in the user's input: where, what, and what to do about it.</summary>
public sealed record Diagnostic(SourceLocation Location, string Message, string? Hint = null)
{
    public override string ToString()
    {
        var where = Location.Line > 0 || Location.File.Length > 0 ? $"{Location}: " : "";
        return Hint is null ? $"{where}error: {Message}" : $"{where}error: {Message}\n  hint: {Hint}";
    }
}
