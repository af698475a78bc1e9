namespace Stagecraft.Core.Config;

/// <summary>
/// Bounds on what a project file may hold. Real project files are a few kilobytes and a few levels
/// deep; the bounds keep hostile or broken input (megabytes of text, thousands of nested brackets,
/// aliases that multiply a value a billion times) from exhausting the stack, memory or time.
/// </summary>
public static class YamlLimits
{
    /// <summary>Characters in one project file.</summary>
    public const int MaxCharacters = 4 * 1024 * 1024;

    /// <summary>Nested lists and mappings.</summary>
    public const int MaxDepth = 64;

    /// <summary>Values in the file once every alias is counted as a copy of what it names.</summary>
    public const int MaxValues = 200_000;
}
