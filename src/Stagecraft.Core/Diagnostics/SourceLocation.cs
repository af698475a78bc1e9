namespace Stagecraft.Core.Diagnostics;

/// <summary>A position in a project file, 1-based, as editors show it.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static readonly SourceLocation None = new("", 0, 0);

    public SourceLocation Shift(int columns) => this with { Column = Column + columns };

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
