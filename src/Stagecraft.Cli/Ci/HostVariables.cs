using System.Text.RegularExpressions;

namespace Stagecraft.Cli.Ci;

/// <summary>
/// The runner's environment variables a project reads with ${os:NAME}: a pipeline must provide each one.
/// COMMIT_SHA the pipeline sets itself (the commit being built); the AWS keys come with the credentials.
/// </summary>
internal static partial class HostVariables
{
    public const string Commit = "COMMIT_SHA";

    private static readonly HashSet<string> Provided = [Commit, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    /// <summary>The names read in the project file's text, comments left out, in order of first use.</summary>
    public static IReadOnlyList<string> ReadBy(string projectText) =>
        projectText.Split('\n')
            .Select(line => Comment().Replace(line, ""))
            .SelectMany(line => OsReference().Matches(line).Select(m => m.Groups[1].Value))
            .Where(name => !Provided.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    // A YAML comment starts with '#' at the line's start or after a space; '#' inside a word is text.
    [GeneratedRegex(@"(^|\s)#.*$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\$\{os:([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex OsReference();
}
