using Stagecraft.Aws.Tests.Support;

namespace Stagecraft.Aws.Tests.Kinds;

/// <summary>
/// 'stagecraft bootstrap' with cdk stages, against the fake cdk and the SDK fakes: 'cdk bootstrap'
/// once per region a cdk stage of the environment deploys to, in its app_dir with that region's
/// AWS_REGION, printed as it ran; the deployment bucket of each other region; a stage that only
/// another environment has counts for nothing.
/// </summary>
public sealed class CdkBootstrapTests : IDisposable
{
    private const string Account = "123456789012";
    private readonly ExampleProject _project = new(new Dictionary<string, string>
    {
        ["cdk/cdk.json"] = """{ "app": "npx ts-node bin/app.ts" }""",
        ["stagecraft.yml"] = """
            project: demo
            environments:
              staging:
                target: aws
                region: "${os:AWS_REGION}"
              production:
                target: aws
                region: eu-west-2
            stages:
              infra:
                kind: cdk
                app_dir: cdk
                stacks: [App]
              edge:
                kind: cdk
                region: us-east-1
                app_dir: cdk
                stacks: [Edge]
              far-away:
                kind: cdk
                only_in: [production]
                region: ap-southeast-2
                app_dir: cdk
                stacks: [Far]
            """,
    });

    public CdkBootstrapTests()
    {
        _project.Host.Environment["AWS_REGION"] = "eu-west-2";
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Runs_cdk_bootstrap_for_each_region_a_cdk_stage_deploys_to_and_says_exists_the_second_time()
    {
        var first = await RunAsync("bootstrap", "-e", "staging");
        var second = await RunAsync("bootstrap", "-e", "staging");

        first.Output.Should().Contain($"$ cdk bootstrap aws://{Account}/eu-west-2 --app \"\"   (in cdk)")
            .And.MatchRegex($@"changed\s+cdk bootstrap\s+aws://{Account}/eu-west-2\n")
            .And.MatchRegex($@"changed\s+cdk bootstrap\s+aws://{Account}/us-east-1\n")
            .And.MatchRegex($@"created\s+deployment bucket\s+stagecraft-deploy-{Account}-us-east-1\n")
            .And.NotContain("ap-southeast-2");
        second.Output.Should().MatchRegex($@"exists\s+cdk bootstrap\s+aws://{Account}/eu-west-2\n")
            .And.MatchRegex($@"exists\s+cdk bootstrap\s+aws://{Account}/us-east-1\n").And.NotContain("changed").And.NotContain("created");
        var calls = _project.Tools.OfTool("cdk", "bootstrap");
        calls.Select(c => c.ToString()).Should().Equal(
            $"cdk bootstrap aws://{Account}/eu-west-2 --app ", $"cdk bootstrap aws://{Account}/us-east-1 --app ",
            $"cdk bootstrap aws://{Account}/eu-west-2 --app ", $"cdk bootstrap aws://{Account}/us-east-1 --app ");
        var bootstrapped = _project.Tools.State["cdkBootstrap"]!.AsObject();
        bootstrapped[$"aws://{Account}/us-east-1"]!["region"]!.GetValue<string>().Should().Be("us-east-1", "the CLI runs with the region it bootstraps");
        bootstrapped[$"aws://{Account}/eu-west-2"]!["region"]!.GetValue<string>().Should().Be("eu-west-2");
        bootstrapped[$"aws://{Account}/eu-west-2"]!["app_dir"]!.GetValue<string>().Should().Be("cdk", "it runs in the app's directory, whose cdk.json it reads");
        _project.Sdk.BucketsCreated[$"stagecraft-deploy-{Account}-us-east-1"].Should().Be("us-east-1");
        _project.Sdk.BucketsCreated[$"stagecraft-deploy-{Account}-eu-west-2"].Should().Be("eu-west-2");
    }

    [Fact]
    public async Task With_no_cdk_it_prepares_the_buckets_and_runs_no_cdk()
    {
        _project.Tools.Remove("cdk");

        var result = await RunAsync("bootstrap", "-e", "staging", "--no-cdk");

        result.Output.Should().MatchRegex($@"created\s+deployment bucket\s+stagecraft-deploy-{Account}-us-east-1\n").And.NotContain("cdk bootstrap");
        _project.Tools.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Without_the_cdk_cli_it_fails_saying_how_to_install_it_or_skip_it()
    {
        _project.Tools.Remove("cdk");

        var result = await _project.RunAsync("bootstrap", "-e", "staging");

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.Error.Should().Contain("SC-AWS-0008").And.Contain("npm install -g aws-cdk").And.Contain("--no-cdk");
    }

    [Fact]
    public async Task A_failed_cdk_bootstrap_fails_with_its_last_lines()
    {
        _project.Tools.Control(new { fail = new Dictionary<string, object> { ["cdk bootstrap"] = new { stderr = "AccessDenied: not allowed to cloudformation:CreateChangeSet", exit = 1 } } });

        var result = await _project.RunAsync("bootstrap", "-e", "staging");

        result.ExitCode.Should().NotBe(0, result.ToString());
        result.Error.Should().Contain($"cdk bootstrap aws://{Account}/eu-west-2 exited with code 1").And.Contain("AccessDenied");
    }

    [Fact]
    public async Task A_stage_region_that_is_not_written_out_is_refused_with_its_location_before_anything_is_made()
    {
        var file = Path.Combine(_project.Path, "stagecraft.yml");
        File.WriteAllText(file, File.ReadAllText(file)
            .Replace("region: us-east-1", "region: \"${var.edge_region}\"", StringComparison.Ordinal)
            .Replace("project: demo\n", "project: demo\nvariables:\n  edge_region: us-east-1\n", StringComparison.Ordinal));

        var result = await _project.RunAsync("bootstrap", "-e", "staging");

        result.ExitCode.Should().Be(2, result.ToString());
        var line = File.ReadAllLines(file).ToList().FindIndex(l => l.Contains("${var.edge_region}", StringComparison.Ordinal)) + 1;
        result.Error.Should().Contain($"stagecraft.yml:{line}:").And.Contain("bootstrap needs the 'region' of stage 'edge' written out or from ${os:NAME}, not '${var.edge_region}'");
        _project.Sdk.BucketsCreated.Should().BeEmpty();
        _project.Tools.Calls.Should().BeEmpty();
    }

    private async Task<CliResult> RunAsync(params string[] args)
    {
        var result = await _project.RunAsync(args);
        result.ExitCode.Should().Be(0, result.ToString());
        return result;
    }
}
