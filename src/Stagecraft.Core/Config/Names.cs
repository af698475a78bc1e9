using System.Text.RegularExpressions;

namespace Stagecraft.Core.Config;

/// <summary>What names may look like; they end up in paths, stack names and parameter paths.</summary>
internal static partial class Names
{
    public const string ProjectRule = "lower-case letters, digits and '-', starting with a letter (e.g. my-app)";
    public const string StageRule = "lower-case letters, digits, '-' and '_', starting with a letter (e.g. build, web-api)";
    public const string VariableRule = "letters, digits, '_' and '-', starting with a letter or '_'";

    public static bool IsProject(string name) => Project().IsMatch(name);

    public static bool IsStage(string name) => Stage().IsMatch(name);

    public static bool IsVariable(string name) => Variable().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex Project();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex Stage();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex Variable();
}
