using System.CommandLine.Invocation;
using System.Reflection;

namespace Stagecraft.Cli.Hosting;

/// <summary>--version: the version and the commit this build was made from ("unknown" when built without git).</summary>
internal sealed class VersionAction(TextWriter output) : SynchronousCommandLineAction
{
    public static string Text =>
        Describe(typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    /// <summary>The SDK appends "+COMMIT" (SourceRevisionId, read from git at build time) to the informational version.</summary>
    public static string Describe(string informationalVersion)
    {
        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        var version = plus < 0 ? informationalVersion : informationalVersion[..plus];
        var commit = plus < 0 || plus == informationalVersion.Length - 1 ? "unknown" : informationalVersion[(plus + 1)..];
        return $"stagecraft {version} (commit {commit})";
    }

    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(Text);
        return 0;
    }

    /// <summary>Replaces the default --version action of <paramref name="root"/>, which prints the bare informational version.</summary>
    public static void Install(RootCommand root, TextWriter output)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionAction(output);
        }
    }
}
