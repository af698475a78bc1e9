using System.Text.RegularExpressions;
using Stagecraft.Aws.Ec2;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Parameters;

namespace Stagecraft.Aws.Tests.Examples;

/// <summary>
/// examples/election-app against the doubles: validate, graph, plan, the manual account steps, the
/// us-east-1 certificate, the image, the CDK stack and a release. The doubles keep state locally,
/// so the example's s3 state lines are taken out of the copy (tests/…/Moto runs it with S3 state).
/// </summary>
public sealed partial class ElectionAppExampleTests : IDisposable
{
    private const string Stack = "ElectionApp-development";
    private const string CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
    private const string OrganisationArn = "arn:aws:organizations::111122223333:organization/o-abc123def4";
    private readonly ExampleProject _project = new("election-app");

    public ElectionAppExampleTests()
    {
        var file = Path.Combine(_project.Path, "stagecraft.yml");
        File.WriteAllText(file, StateLine().Replace(File.ReadAllText(file), ""));
        var store = _project.Sdk.ParameterStore.Values;
        store["/election-app/OrganisationArn"] = new ParameterValue(OrganisationArn, false);
        // The DC base image, older and newer; build.sh ends with 'shutdown -h now' (ready_when: stopped).
        var ec2 = _project.Sdk.FakeEc2;
        ec2.Images["ami-0dcbase000000001"] = new MachineImage(new ImageId("ami-0dcbase000000001"), "dc-base-image-2026-10-01", "available");
        ec2.Images["ami-0dcbase000000002"] = new MachineImage(new ImageId("ami-0dcbase000000002"), "dc-base-image-2026-11-01", "available");
        ec2.UserDataShutsDown = true;
        store["/election-app/FQDN"] = new ParameterValue("elections.example.org", false);
        store["/election-app/HOSTED_ZONE_ID"] = new ParameterValue("Z0123456789ABCDEFGHIJ", false);
        _project.Host.Environment["COMMIT_SHA"] = "4f1c2d3e";
        _project.Host.Environment["AWS_REGION"] = "eu-west-2";
        _project.Tools.Control(new
        {
            stack_outputs = new Dictionary<string, object> { ["election-app-development-certificate"] = new { CertificateArn } },
            cdk_outputs = new Dictionary<string, object>
            {
                [Stack] = new
                {
                    ApplicationName = "election-app-development",
                    CodeDeployRoleArn = "arn:aws:iam::123456789012:role/ElectionApp-CodeDeployRole",
                    LaunchTemplateName = "election-app-development",
                    SubnetIds = "subnet-a,subnet-b",
                    TargetGroupName = "ElectionApp-Targets",
                    TargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/ElectionApp-Targets/1",
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
            .And.Contain("\"golden-image\" -> \"infra\"").And.Contain("\"infra\" -> \"release\"").And.Contain("\"deployer-user\" -> \"ci-context\"");
    }

    [Fact]
    public async Task Bootstrap_prepares_the_certificates_region_too_and_cdk_bootstraps_the_region_the_cdk_app_deploys_to()
    {
        var result = await _project.RunAsync("bootstrap", "-e", "staging");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().MatchRegex(@"created\s+deployment bucket\s+stagecraft-deploy-123456789012-eu-west-2\n")
            .And.MatchRegex(@"created\s+deployment bucket\s+stagecraft-deploy-123456789012-us-east-1\n")
            .And.Contain("$ cdk bootstrap aws://123456789012/eu-west-2 --app \"\"   (in cdk)")
            .And.NotContain("aws://123456789012/us-east-1", "only a CloudFormation stack is in us-east-1");
        _project.Sdk.BucketsCreated["stagecraft-deploy-123456789012-us-east-1"].Should().Be("us-east-1");
        _project.Tools.OfTool("cdk", "bootstrap").Should().ContainSingle();
    }

    [Fact]
    public async Task Plans_offline_with_the_region_from_the_environment_and_the_parameters_from_ssm()
    {
        var result = await _project.RunAsync("plan", "-e", "development", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("\"infra\"").And.Contain("\"release\"");
        _project.Tools.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Without_AWS_REGION_the_plan_says_which_variable_and_where()
    {
        _project.Host.Environment.Remove("AWS_REGION");

        var result = await _project.RunAsync("plan", "-e", "development");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().MatchRegex(@"stagecraft\.yml:\d+:\d+").And.Contain("environment variable 'AWS_REGION'");
    }

    [Fact]
    public async Task Waits_for_the_manual_steps_then_makes_the_certificate_in_us_east_1_and_deploys_image_infrastructure_and_the_commit()
    {
        foreach (var manual in new[] { "dns-delegation", "deployer-user", "ci-context" })
        {
            (await _project.RunAsync("approve", manual, "-e", "development")).ExitCode.Should().Be(0);
        }

        var deploy = await _project.RunAsync("deploy", "-e", "development", "--yes");

        deploy.ExitCode.Should().Be(0, deploy.ToString());
        var changeSet = _project.Tools.Of("cloudformation", "create-change-set").Single();
        changeSet.Option("--region").Should().Be("us-east-1", "CloudFront takes certificates from us-east-1 only");
        changeSet.Option("--stack-name").Should().Be("election-app-development-certificate");
        _project.Sdk.ParameterStore.Values["/election-app/certificate/CertificateArn"].Value.Should().Be(CertificateArn);
        var image = _project.Sdk.FakeEc2.Images.Values.Single(i => i.Name.StartsWith("election-app-development-golden-image-", StringComparison.Ordinal));
        _project.Sdk.FakeEc2.Launches.Single().ImageId.Should().Be("ami-0dcbase000000002", "the golden image starts from the newest DC base image");
        _project.Sdk.FakeEc2.Shares.Should().ContainSingle(s => s.Image == image.Id.Value && s.OrganizationArn == OrganisationArn, "DC's other projects launch it");
        var cdk = _project.Tools.OfTool("cdk", "deploy").Single();
        cdk.Args.Should().Contain($"ami_id={image.Id}").And.Contain("fqdn=elections.example.org").And.Contain("dc-environment=development")
            .And.Contain($"ssl_certificate_arn={CertificateArn}").And.Contain("region=eu-west-2").And.Contain("account=123456789012");
        var fleet = _project.Tools.Of("autoscaling", "create-auto-scaling-group").Single();
        fleet.Option("--launch-template").Should().Contain("\"Version\":\"$Latest\"");
        fleet.Option("--vpc-zone-identifier").Should().Be("subnet-a,subnet-b");
        var group = _project.Tools.Of("deploy", "create-deployment-group").Single();
        group.Option("--auto-scaling-groups").Should().Be("election-app-development");
        group.Option("--region").Should().Be("eu-west-2");
        _project.Tools.Of("deploy", "create-deployment").Single().Option("--revision").Should().Contain("\"commitId\":\"4f1c2d3e\"");
    }

    [Fact]
    public async Task A_new_commit_releases_only_the_release_stage()
    {
        foreach (var manual in new[] { "dns-delegation", "deployer-user", "ci-context" })
        {
            await _project.RunAsync("approve", manual, "-e", "development");
        }

        (await _project.RunAsync("deploy", "-e", "development", "--yes")).ExitCode.Should().Be(0);

        _project.Host.Environment["COMMIT_SHA"] = "9a8b7c6d";
        var next = await _project.RunAsync("deploy", "-e", "development", "--yes");

        next.ExitCode.Should().Be(0, next.ToString());
        _project.Tools.OfTool("cdk", "deploy").Should().ContainSingle();
        _project.Tools.Of("cloudformation", "create-change-set").Should().ContainSingle();
        _project.Tools.Of("deploy", "create-deployment").Select(c => c.Option("--revision")).Last().Should().Contain("9a8b7c6d");
        _project.Sdk.FakeEc2.Launches.Should().ContainSingle("the golden image is reused");
    }

    [GeneratedRegex(@"^    state: \{ backend: s3.*\n", RegexOptions.Multiline)]
    private static partial Regex StateLine();
}
