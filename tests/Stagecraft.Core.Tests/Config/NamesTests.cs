using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Core.Tests.Config;

/// <summary>The one set of name rules: what validate checks is what the parameter and secret stores accept.</summary>
public sealed class NamesTests
{
    private static string Levels(int count) => string.Concat(Enumerable.Range(1, count).Select(i => "/l" + i));

    [Theory]
    [InlineData("/shop/dev/common/EFSID")]
    [InlineData("/a")]
    [InlineData("/a.b/c-d/e_f/G9")]
    [InlineData("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")]
    [InlineData("/ssm/anything")]
    public void A_readable_parameter_path_has_no_problem(string path) =>
        Names.ParameterProblem(path, writing: false).Should().BeNull();

    [Theory]
    [InlineData("shop/dev", "must start with '/'")]
    [InlineData("/shop//dev", "empty segment")]
    [InlineData("/shop/dev/", "empty segment")]
    [InlineData("/", "empty segment")]
    [InlineData("/shop/db host", "only letters, digits")]
    [InlineData("/shop/db:host", "only letters, digits")]
    public void A_malformed_parameter_path_is_refused_for_reading_and_writing(string path, string problem)
    {
        Names.ParameterProblem(path, writing: false).Should().Contain(problem);
        Names.ParameterProblem(path, writing: true).Should().Contain(problem);
    }

    [Fact]
    public void A_parameter_path_has_at_most_15_levels()
    {
        Names.ParameterProblem(Levels(15), writing: true).Should().BeNull();
        Names.ParameterProblem(Levels(16), writing: false).Should().Be("it has more than 15 levels");
    }

    [Fact]
    public void A_parameter_path_has_at_most_1011_characters()
    {
        var longest = "/p/" + new string('x', 1008);

        Names.ParameterProblem(longest, writing: true).Should().BeNull();
        Names.ParameterProblem(longest + "x", writing: false).Should().Be("it is longer than 1011 characters");
    }

    [Theory]
    [InlineData("/aws/service/x")]
    [InlineData("/AWS/x")]
    [InlineData("/ssm/x")]
    [InlineData("/Ssm-things/x")]
    [InlineData("/awsome")]
    public void Writing_under_a_prefix_aws_keeps_is_refused(string path)
    {
        Names.ParameterProblem(path, writing: false).Should().BeNull("AWS's public parameters may be read");
        Names.ParameterProblem(path, writing: true).Should().Contain("reserved by AWS");
    }

    [Fact]
    public void Aws_deeper_in_the_path_is_not_reserved() =>
        Names.ParameterProblem("/shop/dev/aws_region", writing: true).Should().BeNull();

    [Fact]
    public void A_store_refuses_a_bad_parameter_name_as_invalid_input_with_the_rule()
    {
        var check = () => Names.CheckParameter("/aws/mine", writing: true);

        var error = check.Should().Throw<InvalidInputException>().Which;
        error.ExitCode.Should().Be(ExitCodes.InvalidInput);
        error.Diagnostics.Single().Message.Should().Be("invalid parameter name '/aws/mine': it uses a prefix reserved by AWS (aws, ssm), which may be read but not written");
        error.Diagnostics.Single().Hint.Should().Contain(Names.ParameterRule);
    }

    [Theory]
    [InlineData("db_password", true)]
    [InlineData("_x-1", true)]
    [InlineData("1password", false)]
    [InlineData("-x", false)]
    [InlineData("db.password", false)]
    [InlineData("db/password", false)]
    [InlineData("", false)]
    public void Secret_names_are_letters_digits_underscore_and_dash(string name, bool valid) =>
        Names.IsSecret(name).Should().Be(valid);

    [Fact]
    public void A_secret_name_has_at_most_128_characters()
    {
        Names.IsSecret(new string('s', 128)).Should().BeTrue();
        Names.IsSecret(new string('s', 129)).Should().BeFalse();
        var check = () => Names.CheckSecret(new string('s', 129));
        check.Should().Throw<InvalidInputException>().Which.Diagnostics.Single().Hint.Should().Contain("at most 128 characters");
    }

    [Theory]
    [InlineData("web-api", true)]
    [InlineData("build_1", true)]
    [InlineData("Web", false)]
    [InlineData("1web", false)]
    public void Stage_names_are_lower_case(string name, bool valid) =>
        Names.IsStage(name).Should().Be(valid);
}
