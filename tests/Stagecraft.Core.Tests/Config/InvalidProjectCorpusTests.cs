using System.Text.RegularExpressions;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Config;

/// <summary>
/// Every file under Corpus/invalid is a project file that must be refused. Its header says what is
/// expected, one diagnostic per '# expect LINE:COL: message fragment' line, in order, each optionally
/// followed by '#   hint: fragment'. A diagnostic that carries a hint must have its hint asserted.
/// </summary>
public sealed partial class InvalidProjectCorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Corpus", "invalid");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory, "*.yml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void Corpus_has_at_least_25_distinct_cases() =>
        Cases().Count.Should().BeGreaterThanOrEqualTo(25);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_project_is_refused_with_every_problem_at_its_position(string name)
    {
        var text = File.ReadAllText(Path.Combine(CorpusDirectory, name + ".yml"));
        var expected = ReadExpectations(text);
        expected.Should().NotBeEmpty("the corpus file must say what it expects");

        var parse = () => ProjectLoader.Parse(text, "stagecraft.yml", "/work/project", new TestCatalog().Catalog);

        var error = parse.Should().Throw<InvalidInputException>().Which;
        error.ExitCode.Should().Be(ExitCodes.InvalidInput);
        var actual = error.Diagnostics;
        actual.Select(d => $"{d.Location.Line}:{d.Location.Column}").Should().Equal(expected.Select(e => e.Position),
            "diagnostics were: " + string.Join(" | ", actual.Select(d => d.ToString())));
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Location.File.Should().Be("stagecraft.yml");
            actual[i].Message.Should().Contain(expected[i].Message);
            if (expected[i].Hint is { } hint)
            {
                actual[i].Hint.Should().Contain(hint);
            }
            else
            {
                actual[i].Hint.Should().BeNull("a diagnostic with a hint must have its hint asserted in the corpus file");
            }
        }
    }

    private static List<Expectation> ReadExpectations(string text)
    {
        var expectations = new List<Expectation>();
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')).TakeWhile(l => l.StartsWith('#')))
        {
            if (ExpectLine().Match(line) is { Success: true } expect)
            {
                expectations.Add(new Expectation(expect.Groups[1].Value, expect.Groups[2].Value, null));
            }
            else if (HintLine().Match(line) is { Success: true } hint)
            {
                expectations[^1] = expectations[^1] with { Hint = hint.Groups[1].Value };
            }
        }

        return expectations;
    }

    [GeneratedRegex(@"^# expect (\d+:\d+): (.+)$")]
    private static partial Regex ExpectLine();

    [GeneratedRegex(@"^#\s+hint: (.+)$")]
    private static partial Regex HintLine();

    private sealed record Expectation(string Position, string Message, string? Hint);
}
