using System.Text.RegularExpressions;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>stagecraft ci: the election-app's pipelines (with shared state) pass GitHub's and CircleCI's validators.</summary>
public sealed partial class CiPipelineTests : IDisposable
{
    private static readonly string NodeModules = Path.Combine(Repository.Root, ".build", "node", "node_modules");
    private readonly TempDirectory _directory = new("stagecraft-ci");

    public CiPipelineTests()
    {
        var source = Path.Combine(Repository.Root, "examples", "election-app");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            _directory.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_election_app_with_s3_state_gets_pipelines_that_pass_their_validators()
    {
        WriteWithSharedState();
        var options = new[] { "--name-template", "deployment-{environment}-ee", "--stagecraft-version", "1.0.0", "--feed", "https://nuget.example.com/v3/index.json" };

        var github = await CliProcess.RunAsync(_directory.Path, ["ci", "github", .. options]);
        var circle = await CliProcess.RunAsync(_directory.Path, ["ci", "circleci", .. options]);

        github.ExitCode.Should().Be(0, github.ToString());
        github.Output.Should().Contain("required reviewers").And.Contain("deployment-production-ee");
        circle.ExitCode.Should().Be(0, circle.ToString());
        var workflow = File.ReadAllText(_directory.Combine(".github", "workflows", "stagecraft.yml"));
        var config = File.ReadAllText(_directory.Combine(".circleci", "config.yml"));
        await ValidatorAsync(Path.Combine(NodeModules, ".bin", "action-validator"), _directory.Combine(".github", "workflows", "stagecraft.yml"));
        var parsed = await ValidatorAsync("node", Path.Combine(AppContext.BaseDirectory, "Operators", "validate-circleci.js"), _directory.Combine(".circleci", "config.yml"));
        parsed.Should().Contain("deploy-production");

        // Environments deploy in file order; production waits for a person; each job uses its context.
        Jobs(config).Should().ContainInOrder("deploy-development", "deploy-staging", "approve-production", "deploy-production");
        config.Should().Contain("type: approval").And.Contain("context: ['deployment-staging-ee']").And.NotContain("orbs:");
        config.Should().Contain("dotnet tool install --tool-path .stagecraft-tool stagecraft --version 1.0.0 --add-source https://nuget.example.com/v3/index.json");
        workflow.Should().Contain("environment: 'deployment-production-ee'").And.Contain("needs: [deploy-staging]").And.Contain("--format markdown");
        workflow.Should().NotContain("plan-production", "an environment behind an approval is not planned with its credentials on every pull request");

        // The release deploys ${os:COMMIT_SHA}: the pipeline sets it to the commit being built. The
        // region (${os:AWS_REGION}) comes from the environment's settings, and the generator says so.
        workflow.Should().Contain("COMMIT_SHA: ${{ github.sha }}").And.Contain("AWS_REGION: ${{ vars.AWS_REGION || secrets.AWS_REGION }}");
        config.Should().Contain("COMMIT_SHA: << pipeline.git.revision >>");
        github.Output.Should().Contain("${os:AWS_REGION}").And.NotContain("${os:COMMIT_SHA}");
        circle.Output.Should().Contain("${os:AWS_REGION}").And.Contain("CircleCI context");
    }

    [Fact]
    public async Task Regenerating_is_idempotent_and_a_hand_edited_file_needs_force()
    {
        WriteWithSharedState();
        (await CliProcess.RunAsync(_directory.Path, "ci", "circleci")).ExitCode.Should().Be(0);
        var path = _directory.Combine(".circleci", "config.yml");
        var first = File.ReadAllText(path);

        var again = await CliProcess.RunAsync(_directory.Path, "ci", "circleci");
        again.ExitCode.Should().Be(0, again.ToString());
        again.Output.Should().Contain("up to date");
        File.ReadAllText(path).Should().Be(first);

        File.AppendAllText(path, "# my own change\n");
        var refused = await CliProcess.RunAsync(_directory.Path, "ci", "circleci");
        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.Error.Should().Contain("edited by hand").And.Contain("--force");
        File.ReadAllText(path).Should().EndWith("# my own change\n");

        (await CliProcess.RunAsync(_directory.Path, "ci", "circleci", "--force")).ExitCode.Should().Be(0);
        File.ReadAllText(path).Should().Be(first);
    }

    [Fact]
    public async Task An_environment_with_local_sqlite_state_is_refused_with_its_location()
    {
        _directory.Write("stagecraft.yml", StateLine().Replace(File.ReadAllText(_directory.Combine("stagecraft.yml")), "", 1));
        Directory.Delete(_directory.Combine(".github"), recursive: true);
        var refused = await CliProcess.RunAsync(_directory.Path, "ci", "github");

        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.Error.Should().MatchRegex(@"stagecraft\.yml:\d+:\d+").And.Contain("environment 'development' keeps its state in local SQLite").And.Contain("backend: s3");
        File.Exists(_directory.Combine(".github", "workflows", "stagecraft.yml")).Should().BeFalse();
    }

    // The example keeps its state in S3 and waits for a person before production, as CI needs.
    private void WriteWithSharedState()
    {
        var yaml = File.ReadAllText(_directory.Combine("stagecraft.yml"));
        yaml.Should().Contain("approval: true").And.Contain("state: { backend: s3");
    }

    [Fact]
    public async Task The_committed_pipelines_of_the_election_app_are_what_the_generator_writes_now()
    {
        var source = Path.Combine(Repository.Root, "examples", "election-app");
        var options = new[] { "--name-template", "deployment-{environment}-ee" };

        (await CliProcess.RunAsync(_directory.Path, ["ci", "github", .. options])).ExitCode.Should().Be(0);
        (await CliProcess.RunAsync(_directory.Path, ["ci", "circleci", .. options])).ExitCode.Should().Be(0);

        foreach (var file in new[] { Path.Combine(".github", "workflows", "stagecraft.yml"), Path.Combine(".circleci", "config.yml") })
        {
            File.ReadAllText(_directory.Combine(file)).Should().Be(File.ReadAllText(Path.Combine(source, file)),
                $"examples/election-app/{file} is generated: run 'stagecraft ci github|circleci -f examples/election-app --name-template deployment-{{environment}}-ee --force' after changing the generator or the project");
        }
    }

    private static List<string> Jobs(string config) => JobLine().Matches(config).Select(m => m.Groups[1].Value).ToList();

    private static async Task<string> ValidatorAsync(string program, params string[] args)
    {
        if (!File.Exists(Path.Combine(NodeModules, ".bin", "action-validator")) || !Directory.Exists(Path.Combine(NodeModules, "@circleci", "circleci-config-parser")))
        {
            throw new InvalidOperationException("the pipeline validators are missing: run scripts/test-deps.sh (installs @action-validator/cli and @circleci/circleci-config-parser into .build/node)");
        }

        var environment = new Dictionary<string, string> { ["NODE_PATH"] = NodeModules };
        var result = await CliProcess.RunRawAsync(Repository.Root, environment, program, args);
        result.ExitCode.Should().Be(0, $"{program} must accept the file:\n{result}");
        return result.Output;
    }

    [GeneratedRegex(@"^    state: \{ backend: s3.*\n", RegexOptions.Multiline)]
    private static partial Regex StateLine();

    [GeneratedRegex(@"^      - ([a-z-]+):?$", RegexOptions.Multiline)]
    private static partial Regex JobLine();
}
