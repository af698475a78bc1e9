using System.Text;
using System.Text.RegularExpressions;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Fuzzing;

/// <summary>
/// What the fuzzer mutates: every example's stagecraft.yml, every YAML block in docs/*.md and
/// docs/kinds/*.md, and for each kind page a stage written from the settings table it documents.
/// </summary>
internal static partial class FuzzSeeds
{
    public static IReadOnlyList<FuzzSeed> Load()
    {
        var seeds = new List<FuzzSeed>();
        foreach (var example in Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "stagecraft.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            seeds.Add(new FuzzSeed(Path.GetRelativePath(Repository.Root, example), File.ReadAllText(example), Path.GetDirectoryName(example)));
        }

        var docs = Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md")
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs", "kinds"), "*.md")).Order(StringComparer.Ordinal);
        foreach (var doc in docs)
        {
            var text = File.ReadAllText(doc);
            var name = Path.GetRelativePath(Repository.Root, doc);
            var blocks = YamlBlock().Matches(text).Select(m => m.Groups["body"].Value).Where(LooksLikeYaml).ToList();
            seeds.AddRange(blocks.Select((b, i) => new FuzzSeed($"{name} block {i + 1}", b)));
            if (KindHeading().Match(text) is { Success: true } kind)
            {
                seeds.Add(new FuzzSeed($"{name} settings table", StageFromTable(kind.Groups["kind"].Value, text)));
            }
        }

        return seeds;
    }

    private static bool LooksLikeYaml(string block) =>
        block.Contains("stages:", StringComparison.Ordinal) || block.Contains("kind:", StringComparison.Ordinal)
        || block.Contains("environments:", StringComparison.Ordinal) || block.Contains("state:", StringComparison.Ordinal);

    private static string StageFromTable(string kind, string page)
    {
        var stage = new StringBuilder("project: fuzz\nstages:\n  one:\n    kind: ").Append(kind).Append('\n');
        foreach (Match row in SettingRow().Matches(page))
        {
            stage.Append("    ").Append(row.Groups["key"].Value).Append(": x\n");
        }

        return stage.ToString();
    }

    [GeneratedRegex(@"^```(?:ya?ml)?[ \t]*\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    [GeneratedRegex(@"^# kind: (?<kind>[a-z0-9-]+)", RegexOptions.Multiline)]
    private static partial Regex KindHeading();

    [GeneratedRegex(@"^\| `(?<key>[a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex SettingRow();
}

/// <summary>A seed text; <see cref="Home"/> is the directory whose files it refers to (an example's), or null.</summary>
internal sealed record FuzzSeed(string Source, string Text, string? Home = null);
