using Stagecraft.Aws.Tests.Support;

namespace Stagecraft.Aws.Tests.Validation;

/// <summary>'validate' runs the real cfn-lint once over every cloudformation template and reports its findings at the template's lines.</summary>
public sealed class CfnLintValidationTests : IDisposable
{
    private const string Misspelled = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketNam: demo-data
        """;

    // An unused parameter is a warning (W2001), not an error.
    private const string UnusedParameter = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Unused:
            Type: String
        Resources:
          Queue:
            Type: AWS::SQS::Queue
        """;

    private readonly ExampleProject _project = new(new Dictionary<string, string>
    {
        ["templates/broken.yml"] = Misspelled,
        ["templates/warned.yml"] = UnusedParameter,
        ["stagecraft.yml"] = """
            project: linted
            environments:
              dev: { target: aws, region: eu-west-2 }
            stages:
              storage:
                kind: cloudformation
                template: templates/broken.yml
              queue:
                kind: cloudformation
                template: templates/warned.yml
                parameters: { Unused: x }
            """,
    });

    public CfnLintValidationTests()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var linter = path.Split(Path.PathSeparator).Select(d => Path.Combine(d, "cfn-lint")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("cfn-lint is not on PATH: install it with 'pip install cfn-lint==1.51.*' (scripts/test-deps.sh does)");
        _project.Variables["PATH"] = Path.GetDirectoryName(linter)!;
        _project.Tools.AddShim("cfn-lint", $"echo \"$@\" >> '{Path.Combine(_project.Path, "lint-calls.txt")}'\nexec '{linter}' \"$@\"");
        _project.Variables["PATH"] = _project.Tools.BinDirectory + Path.PathSeparator + path;
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_misspelled_property_fails_at_its_line_with_the_rule_and_a_warning_is_only_shown()
    {
        var result = await _project.RunAsync("validate");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().MatchRegex(@"templates/broken\.yml:6:7: error: \[E3002\] Additional properties are not allowed \('BucketNam' was unexpected");
        result.Error.Should().Contain("hint: cfn-lint E3002: Resource properties are invalid");
        result.Error.Should().MatchRegex(@"templates/warned\.yml:3:3: warning: \[W2001\]");
        File.ReadAllLines(Path.Combine(_project.Path, "lint-calls.txt")).Should().ContainSingle("one cfn-lint process lints every template")
            .Which.Should().Contain("broken.yml").And.Contain("warned.yml");
    }

    [Fact]
    public async Task Warnings_alone_pass_and_no_lint_skips_the_linter()
    {
        File.WriteAllText(Path.Combine(_project.Path, "templates/broken.yml"), Misspelled.Replace("BucketNam:", "BucketName:", StringComparison.Ordinal));

        var warned = await _project.RunAsync("validate");
        warned.ExitCode.Should().Be(0, warned.ToString());
        warned.Error.Should().Contain("warning: [W2001]");

        File.Delete(Path.Combine(_project.Path, "lint-calls.txt"));
        File.WriteAllText(Path.Combine(_project.Path, "templates/broken.yml"), Misspelled);
        var skipped = await _project.RunAsync("validate", "--no-lint");
        skipped.ExitCode.Should().Be(0, skipped.ToString());
        File.Exists(Path.Combine(_project.Path, "lint-calls.txt")).Should().BeFalse();
    }

    [Fact]
    public async Task Without_cfn_lint_a_notice_says_what_was_not_checked_and_plan_never_lints()
    {
        _project.Variables["PATH"] = _project.Tools.BinDirectory;
        _project.Tools.Remove("cfn-lint");

        var result = await _project.RunAsync("validate");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Error.Should().MatchRegex(@"notice: cfn-lint is not on PATH: \S*templates/broken\.yml, \S*templates/warned\.yml not linted");

        _project.Variables["PATH"] = _project.Tools.BinDirectory + Path.PathSeparator + (Environment.GetEnvironmentVariable("PATH") ?? "");
        (await _project.RunAsync("plan", "-e", "dev")).ExitCode.Should().Be(0);
        File.Exists(Path.Combine(_project.Path, "lint-calls.txt")).Should().BeFalse("only validate lints");
    }
}
