using Stagecraft.Aws.Tests.Support;
using Stagecraft.TestSupport;
using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// examples/election-app against moto with its S3 state, as CI runs it (the region from AWS_REGION),
/// only pointed at moto by an endpoint_url: bootstrap, validate, plan, and the parts moto can run
/// (the golden image) deploy. The CDK stack needs a CDK-bootstrapped account and CloudFront, and
/// CodeDeploy's blue/green group is more than moto answers, so those are planned, not deployed.
/// </summary>
public sealed class ElectionAppMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime, IDisposable
{
    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public ElectionAppMotoTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto, ExampleProject.Folder("election-app"));
        var file = Path.Combine(_project.Path, "stagecraft.yml");
        var text = File.ReadAllText(file);
        text.Should().Contain("    region: \"${os:AWS_REGION}\"\n");
        // The state reads ${os:…} from this process, which tests share: here it names its region itself.
        File.WriteAllText(file, text.Replace("    region: \"${os:AWS_REGION}\"\n", $"    region: \"${{os:AWS_REGION}}\"\n    endpoint_url: {moto.EndpointUrl}\n", StringComparison.Ordinal)
            .Replace("state: { backend: s3, ", "state: { backend: s3, region: eu-west-2, ", StringComparison.Ordinal)
            // Moto has no DC base image: its Amazon Linux 2 images, owned by amazon, stand in for it.
            .Replace("  base_image_name: \"dc-base-image-*\"\n  base_image_owner: self\n", "  base_image_name: \"amzn2-ami-hvm-*-x86_64-gp2\"\n  base_image_owner: amazon\n", StringComparison.Ordinal));
        _project.Host.Environment["AWS_REGION"] = "eu-west-2";
        _project.Host.Environment["COMMIT_SHA"] = "4f1c2d3e";
    }

    public async Task InitializeAsync()
    {
        await _moto.ResetAsync();
        await _moto.AwsAsync("ssm", "put-parameter", "--name", "/election-app/FQDN", "--type", "String", "--value", "elections.example.org");
        await _moto.AwsAsync("ssm", "put-parameter", "--name", "/election-app/HOSTED_ZONE_ID", "--type", "String", "--value", "Z0123456789ABCDEFGHIJ");
        await _moto.AwsAsync("ssm", "put-parameter", "--name", "/election-app/OrganisationArn", "--type", "String", "--value", OrganisationArn);
    }

    private const string OrganisationArn = "arn:aws:organizations::111122223333:organization/o-abc123def4";

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Bootstraps_its_s3_state_validates_plans_everything_and_deploys_the_golden_image()
    {
        // No cdk CLI here (CdkBootstrapTests runs 'cdk bootstrap' with the fake one).
        var bootstrap = await _project.SucceedsAsync("bootstrap", "-e", "development", "--no-cdk");
        bootstrap.Output.Should().Contain("election-app-state-development").And.MatchRegex(@"created\s+deployment bucket\s+stagecraft-deploy-\d{12}-us-east-1\n");
        await _project.SucceedsAsync("validate");

        var plan = await _project.SucceedsAsync("plan", "-e", "development");
        plan.Output.Should().MatchRegex(@"certificate\s+cloudformation\s+create").And.MatchRegex(@"infra\s+cdk\s+create").And.MatchRegex(@"release\s+codedeploy\s+create");

        // moto never runs user data: the test stops the builder as build.sh's last line would.
        var deploying = _project.RunAsync("deploy", "golden-image", "-e", "development", "--yes");
        string? builder = null;
        await Eventually.TrueAsync(async () => (builder = await MotoBuilders.RunningAsync(_moto, "golden-image")) is not null, TimeSpan.FromSeconds(90), "the golden image's builder to run");
        await _moto.AwsAsync("ec2", "stop-instances", "--instance-ids", builder!);
        var deploy = await deploying;
        deploy.ExitCode.Should().Be(0, deploy.ToString());
        var images = (await _moto.AwsAsync("ec2", "describe-images", "--owners", "self"))!.Value.GetProperty("Images").EnumerateArray().ToList();
        images.Should().ContainSingle(deploy.ToString());
        images[0].GetProperty("Name").GetString().Should().StartWith("election-app-development-golden-image-");
        var permissions = (await _moto.AwsAsync("ec2", "describe-image-attribute", "--image-id", images[0].GetProperty("ImageId").GetString()!, "--attribute", "launchPermission"))!.Value
            .GetProperty("LaunchPermissions").EnumerateArray().Select(p => p.ToString()).ToList();
        permissions.Should().ContainSingle(p => p.Contains("o-abc123def4", StringComparison.Ordinal), "the image is shared with the organisation");
        var state = (await _moto.AwsAsync("s3api", "list-objects-v2", "--bucket", "election-app-state-development"))!.Value.GetProperty("Contents").GetArrayLength();
        state.Should().BeGreaterThan(0, "the run's state is in the S3 bucket CI jobs share");

        var again = await _project.SucceedsAsync("plan", "-e", "development");
        again.Output.Should().MatchRegex(@"golden-image\s+ami\s+no-change");
    }
}
