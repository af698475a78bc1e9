using System.Text;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Config;

/// <summary>Hostile shapes of YAML end as a located error instead of a stack overflow, a hang or exhausted memory.</summary>
public sealed class YamlLimitsTests
{
    private static Diagnostic Refused(string yaml)
    {
        var parse = () => ProjectLoader.Parse(yaml, "stagecraft.yml", "/project", new TestCatalog().Catalog);
        return parse.Should().Throw<InvalidInputException>().Which.Diagnostics[0];
    }

    [Theory]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    public void Nesting_deeper_than_the_limit_is_refused_where_it_goes_too_deep(char open, char close)
    {
        var depth = 100_000;
        var yaml = "project: demo\nstages: " + new string(open, depth) + new string(close, depth) + "\n";

        var diagnostic = Refused(yaml);

        diagnostic.Message.Should().Contain($"nested more than {YamlLimits.MaxDepth} levels");
        diagnostic.Location.Line.Should().Be(2);
        diagnostic.Location.Column.Should().Be(8 + YamlLimits.MaxDepth, "the root mapping is level 0, so the first bracket is level 1");
        diagnostic.Hint.Should().NotBeNull();
    }

    [Fact]
    public void Aliases_that_multiply_a_value_beyond_the_limit_are_refused()
    {
        var yaml = new StringBuilder("project: demo\nx0: &a0 [v, v, v, v, v, v, v, v, v, v]\n");
        for (var i = 1; i < 12; i++)
        {
            yaml.Append($"x{i}: &a{i} [").AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 10)).Append("]\n");
        }

        var diagnostic = Refused(yaml.ToString());

        diagnostic.Message.Should().Contain($"more than {YamlLimits.MaxValues} values once its aliases are expanded");
        diagnostic.Location.Line.Should().Be(7, "the sixth level of ten-fold aliases is the first above the limit");
    }

    [Fact]
    public void A_file_above_the_size_limit_is_refused_at_its_start()
    {
        var yaml = "project: demo\ndescription: " + new string('x', YamlLimits.MaxCharacters) + "\n";

        var diagnostic = Refused(yaml);

        diagnostic.Message.Should().Contain("the limit is 4 MiB");
        diagnostic.Location.Should().Be(new SourceLocation("stagecraft.yml", 1, 1));
    }
}
