using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Parameters;

namespace Stagecraft.Aws.Tests.Examples;

/// <summary>examples/election-app: validate, graph, plan, and the manual account steps then a release against the doubles.</summary>
public sealed class ElectionAppExampleTests : IDisposable
{
    private const string Stack = "ElectionApp-development";
    private readonly ExampleProject _project = new("election-app");

    public ElectionAppExampleTests()
    {
        var store = _project.Sdk.ParameterStore.Values;
        store["/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id"] = new ParameterValue("ami-0ubuntu000000001", false);
        store["/election-app/FQDN"] = new ParameterValue("elections.example.org", false);
        store["/election-app/SSL_CERTIFICATE_ARN"] = new ParameterValue("arn:aws:acm:us-east-1:123456789012:certificate/abc", false);
        _project.Host.Environment["COMMIT_SHA"] = "4f1c2d3e";
        _project.Tools.Control(new
        {
            cdk_outputs = new Dictionary<string, object>
            {
                [Stack] = new
                {
                    ApplicationName = "election-app-development",
                    CodeDeployRoleArn = "arn:aws:iam::123456789012:role/ElectionApp-CodeDeployRole",
                    AutoScalingGroupName = "ElectionApp-development-Blue",
                    TargetGroupName = "ElectionApp-Targets",
                },
            },
        });
    }

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Validates_and_orders_the_account_steps_before_the_infrastructure_and_the_release()
    {
        var validate = await _project.RunAsync("validate");
        var graph = await _project.RunAsync("graph", "--format", "dot");

        validate.ExitCode.Should().Be(0, validate.ToString());
        graph.Output.Should().Contain("\"dns-delegation\" -> \"certificate\"").And.Contain("\"certificate\" -> \"infra\"")
            .And.Contain("\"golden-image\" -> \"infra\"").And.Contain("\"infra\" -> \"release\"");
    }

    [Fact]
    public async Task Plans_offline_with_the_parameters_from_ssm()
    {
        var result = await _project.RunAsync("plan", "-e", "development", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("\"infra\"").And.Contain("\"release\"");
        _project.Tools.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Waits_for_the_manual_steps_then_deploys_image_infrastructure_and_the_commit()
    {
        var first = await _project.RunAsync("deploy", "-e", "development", "--yes");
        first.ExitCode.Should().Be(5, first.ToString());
        first.Output.Should().Contain("hosted zone");
        (await _project.RunAsync("approve", "dns-delegation", "-e", "development")).ExitCode.Should().Be(0);

        var second = await _project.RunAsync("deploy", "-e", "development", "--yes");
        second.ExitCode.Should().Be(5, second.ToString());
        second.Output.Should().Contain("us-east-1");
        (await _project.RunAsync("approve", "certificate", "-e", "development")).ExitCode.Should().Be(0);

        var third = await _project.RunAsync("deploy", "-e", "development", "--yes");
        third.ExitCode.Should().Be(0, third.ToString());

        var image = _project.Sdk.FakeEc2.Images.Values.Single();
        image.Name.Should().StartWith("election-app-development-golden-image-");
        var cdk = _project.Tools.OfTool("cdk", "deploy").Single();
        cdk.Args.Should().Contain($"ami_id={image.Id}").And.Contain("fqdn=elections.example.org").And.Contain("dc-environment=development");
        var group = _project.Tools.Of("deploy", "create-deployment-group").Single();
        group.Option("--auto-scaling-groups").Should().Be("ElectionApp-development-Blue");
        group.Option("--blue-green-deployment-configuration").Should().Contain("COPY_AUTO_SCALING_GROUP");
        _project.Tools.Of("deploy", "create-deployment").Single().Option("--revision").Should().Contain("\"commitId\":\"4f1c2d3e\"");
    }

    [Fact]
    public async Task A_new_commit_releases_only_the_release_stage()
    {
        await _project.RunAsync("approve", "dns-delegation", "-e", "development");
        await _project.RunAsync("deploy", "-e", "development", "--yes");
        await _project.RunAsync("approve", "certificate", "-e", "development");
        (await _project.RunAsync("deploy", "-e", "development", "--yes")).ExitCode.Should().Be(0);

        _project.Host.Environment["COMMIT_SHA"] = "9a8b7c6d";
        var next = await _project.RunAsync("deploy", "-e", "development", "--yes");

        next.ExitCode.Should().Be(0, next.ToString());
        _project.Tools.OfTool("cdk", "deploy").Should().ContainSingle();
        _project.Tools.Of("deploy", "create-deployment").Select(c => c.Option("--revision")).Last().Should().Contain("9a8b7c6d");
        _project.Sdk.FakeEc2.Launches.Should().ContainSingle("the golden image is reused");
    }
}
