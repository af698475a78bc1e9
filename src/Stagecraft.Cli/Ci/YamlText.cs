namespace Stagecraft.Cli.Ci;

/// <summary>Quoting for values written into pipeline YAML.</summary>
internal static class YamlText
{
    /// <summary>A single-quoted YAML scalar: only the quote itself needs doubling.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
