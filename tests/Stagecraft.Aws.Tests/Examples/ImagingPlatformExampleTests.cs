using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Parameters;

namespace Stagecraft.Aws.Tests.Examples;

/// <summary>examples/imaging-platform: validate, graph, plan and a full deploy against the doubles.</summary>
public sealed class ImagingPlatformExampleTests : IDisposable
{
    private readonly ExampleProject _project = new("imaging-platform");

    public ImagingPlatformExampleTests()
    {
        _project.Sdk.ParameterStore.Values["/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id"] = new ParameterValue("ami-0ecsbase00000001", false);
        _project.Sdk.ParameterStore.Values["/stagecraft/imaging-platform/development/secrets/DB_PASSWORD"] = new ParameterValue("correct-horse-battery", true);
        _project.Sdk.ParameterStore.Values["/stagecraft/imaging-platform/production/secrets/DB_PASSWORD"] = new ParameterValue("correct-horse-battery-prod", true);
        _project.Tools.Control(new
        {
            stack_outputs = new Dictionary<string, object>
            {
                ["imaging-platform-development-common"] = new
                {
                    FileSystemId = "fs-0abc1234",
                    PublicSubnetId = "subnet-0public",
                    PrivateSubnetAId = "subnet-0private0a",
                    PrivateSubnetBId = "subnet-0private0b",
                },
            },
        });
        // The double does what the user data's last line does: the builder stops by itself.
        _project.Sdk.FakeEc2.UserDataShutsDown = true;
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Validates_in_every_environment()
    {
        var result = await _project.RunAsync("validate");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("12 stage(s), 3 environment(s)");
    }

    [Fact]
    public async Task The_graph_builds_the_ami_from_common_alone_and_gates_initdb_in_production_only()
    {
        var result = await _project.RunAsync("graph", "--format", "dot");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("\"common\" -> \"batch-ami\"").And.Contain("\"batch-ami\" -> \"batch\"").And.NotContain("\"cognito\" -> \"batch-ami\"");
        result.Output.Should().Contain("\"image-ingest\" -> \"batch\"").And.Contain("\"api-db\" -> \"initdb\"").And.Contain("\"approve-initdb\" -> \"initdb\"");
        result.Output.Should().Contain("manual, only in production");
    }

    [Fact]
    public async Task Production_plans_the_approval_before_initdb_and_development_has_none()
    {
        var development = await _project.RunAsync("plan", "-e", "development");
        var production = await _project.RunAsync("plan", "-e", "production");

        development.ExitCode.Should().Be(0, development.ToString());
        development.Output.Should().NotContain("approve-initdb").And.MatchRegex(@"initdb\s+lambda-invoke\s+create");
        production.ExitCode.Should().Be(0, production.ToString());
        production.Output.Should().MatchRegex(@"approve-initdb\s+manual\s+create");
        var lines = production.Output.Split('\n').Select(l => l.Trim()).ToList();
        var approval = lines.FindIndex(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"(^|\s)approve-initdb\s+manual"));
        approval.Should().BeGreaterThanOrEqualTo(0).And.BeLessThan(lines.FindIndex(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"(^|\s)initdb\s+lambda-invoke")));
    }

    [Fact]
    public async Task Plans_offline_with_consumers_pending_on_what_they_consume()
    {
        var result = await _project.RunAsync("plan", "-e", "development");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().MatchRegex(@"common\s+cloudformation\s+create").And.MatchRegex(@"batch\s+cloudformation\s+create\s+new stage; known after batch-ami");
        _project.Tools.Calls.Should().BeEmpty("an offline plan calls no CLI");
    }

    [Fact]
    public async Task Plan_remote_shows_the_resource_changes_of_common_and_leaves_no_change_set()
    {
        var result = await _project.RunAsync("plan", "-e", "development", "--remote");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("Remote changes of common").And.MatchRegex(@"Add\s+AWS::RDS::DBInstance\s+Database");
        result.Output.Should().Contain("Remote changes of cognito").And.NotContain("Remote changes of batch", "batch waits on outputs not known yet");
        _project.Tools.Of("cloudformation", "delete-change-set").Should().HaveCount(_project.Tools.Of("cloudformation", "create-change-set").Count);
        _project.Tools.Of("cloudformation", "execute-change-set").Should().BeEmpty();
    }

    [Fact]
    public async Task Deploys_everything_in_order_and_batch_gets_the_ami_id_with_no_manual_step()
    {
        var result = await _project.RunAsync("deploy", "-e", "development", "--yes");

        result.ExitCode.Should().Be(0, result.ToString());
        var image = _project.Sdk.FakeEc2.Images.Values.Single();
        image.Name.Should().StartWith("imaging-platform-development-batch-ami-");
        var launch = _project.Sdk.FakeEc2.Launches.Single();
        launch.UserData.Should().Contain("fs-0abc1234:/ /mnt/efs efs").And.EndWith("shutdown -h now\n");
        launch.StopOnShutdown.Should().BeTrue("ready_when: stopped");
        launch.SubnetId.Should().Be("subnet-0public");
        _project.Sdk.FakeEc2.Terminated.Should().ContainSingle();

        var batch = _project.Tools.State["stacks"]!["imaging-platform-development-batch"]!;
        batch["StackStatus"]!.GetValue<string>().Should().Be("CREATE_COMPLETE");
        var parameters = batch["Parameters"]!.AsArray().ToDictionary(p => p!["ParameterKey"]!.GetValue<string>(), p => p!["ParameterValue"]!.GetValue<string>());
        parameters["ImageId"].Should().Be(image.Id.Value);
        parameters["IngestImage"].Should().MatchRegex(@"^docker\.io/imagingplatform/ingest@sha256:[0-9a-f]{64}$");
        parameters["SubnetIds"].Should().Be("subnet-0private0a,subnet-0private0b");
        parameters["AnalysisMemory"].Should().Be("16384");

        var order = _project.Tools.Calls.Select(c => c.ToString()).ToList();
        int First(string text) => order.FindIndex(c => c.Contains(text, StringComparison.Ordinal));
        First("--stack-name imaging-platform-development-common --change-set-name").Should().BeLessThan(First("--stack-name imaging-platform-development-batch --change-set-name"));

        _project.Tools.State["lambda"]!["arn:aws:lambda:eu-west-2:123456789012:function:imaging-db-development-initdb:1"]!.AsArray().Should().ContainSingle();
        _project.Tools.OfTool("serverless", "deploy").Should().HaveCount(3);
        _project.Tools.OfTool("docker", "build").Should().BeEmpty("the job images are public and pinned, not built");
        _project.Tools.OfTool("skopeo", "inspect").Select(c => c.Args[^1]).Should().BeEquivalentTo(
            "docker://docker.io/imagingplatform/ingest:1.4.2", "docker://docker.io/imagingplatform/tiles:2.1.0", "docker://docker.io/imagingplatform/analysis:0.9.3");
        _project.Sdk.ParameterStore.Values.Should().ContainKey("/imaging/development/common/FileSystemId");
        result.Output.Should().NotContain("correct-horse-battery");
    }

    [Fact]
    public async Task A_second_deploy_changes_nothing_and_calls_no_cli()
    {
        (await _project.RunAsync("deploy", "-e", "development", "--yes")).ExitCode.Should().Be(0);
        var calls = _project.Tools.Calls.Count;

        var again = await _project.RunAsync("deploy", "-e", "development", "--yes");

        again.ExitCode.Should().Be(0, again.ToString());
        again.Output.Should().Contain("No changes");
        _project.Tools.Calls.Should().HaveCount(calls);

        // The template is part of the fingerprint without being listed under 'inputs'.
        File.AppendAllText(Path.Combine(_project.Path, "templates", "cognito.yml"), "# a comment changes the content\n");
        var plan = await _project.RunAsync("plan", "-e", "development");
        plan.Output.Should().MatchRegex(@"cognito\s+cloudformation\s+update").And.MatchRegex(@"common\s+cloudformation\s+no-change");
    }

    [Fact]
    public async Task Bootstrap_prepares_the_account_and_is_idempotent()
    {
        var first = await _project.RunAsync("bootstrap", "-e", "development");
        var second = await _project.RunAsync("bootstrap", "-e", "development");

        first.ExitCode.Should().Be(0, first.ToString());
        first.Output.Should().MatchRegex(@"created\s+state bucket\s+stagecraft-state-123456789012-eu-west-2").And.MatchRegex(@"created\s+lock table\s+stagecraft-locks");
        second.Output.Should().MatchRegex(@"exists\s+deployment bucket\s+stagecraft-deploy-123456789012-eu-west-2").And.NotContain("created");
    }
}
