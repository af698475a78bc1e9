using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// 'stagecraft bootstrap' against moto: the s3 state's bucket and lock table for an environment of
/// any target (here a local one deploying from CI), and an AWS environment's deployment bucket,
/// all through the real S3 and DynamoDB SDK clients; and the deployment bucket of every other region
/// the environment's stages use, made in that region (moto keeps regions apart, as S3 does).
/// </summary>
public sealed class BootstrapMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime, IDisposable
{
    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public BootstrapMotoTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto);
        _project.Host.Environment["WEST_REGION"] = "eu-west-1";
        _project.Write("templates/empty.yml", """
            AWSTemplateFormatVersion: "2010-09-09"
            Resources:
              Note:
                Type: AWS::SSM::Parameter
                Properties: { Type: String, Value: hello }
            """);
        _project.Write("stagecraft.yml", """
            project: demo
            environments:
              team:
                target: local
                state: { backend: s3, bucket: team-state, lock_table: team-locks, region: eu-west-2, endpoint: "{moto}", lock_endpoint: "{moto}" }
              cloud:
                target: aws
                region: eu-west-2
                endpoint_url: {moto}
                deployment_bucket: demo-deploy
                state: { backend: s3, bucket: cloud-state, lock_table: cloud-locks }
              plain:
                target: local
              regions:
                target: aws
                region: eu-west-2
                endpoint_url: {moto}
                deployment_bucket: regions-deploy
              elsewhere:
                target: aws
                region: eu-west-2
                endpoint_url: {moto}
            stages:
              hello:
                kind: command
                run: ["dotnet", "--version"]
              certificate:
                kind: cloudformation
                only_in: [regions]
                region: us-east-1
                template: templates/empty.yml
              replica:
                kind: cloudformation
                only_in: [regions, elsewhere]
                region: "${os:WEST_REGION}"
                template: templates/empty.yml
              home:
                kind: cloudformation
                only_in: [regions]
                region: eu-west-2
                template: templates/empty.yml
              far-away:
                kind: cloudformation
                only_in: [elsewhere]
                region: ap-southeast-2
                template: templates/empty.yml
            """);
    }

    public Task InitializeAsync() => _moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_local_environment_with_its_state_in_s3_gets_its_bucket_and_lock_table_and_then_deploys_with_them()
    {
        var first = await _project.SucceedsAsync("bootstrap", "-e", "team");
        var second = await _project.SucceedsAsync("bootstrap", "-e", "team");

        first.Output.Should().MatchRegex(@"created\s+state bucket\s+team-state").And.MatchRegex(@"created\s+lock table\s+team-locks").And.NotContain("deployment bucket");
        second.Output.Should().MatchRegex(@"exists\s+state bucket\s+team-state").And.MatchRegex(@"exists\s+lock table\s+team-locks").And.NotContain("created");
        await BucketIsSecuredAsync("team-state");
        var table = await _moto.AwsAsync("dynamodb", "describe-table", "--table-name", "team-locks");
        table!.Value.GetProperty("Table").GetProperty("KeySchema")[0].GetProperty("AttributeName").GetString().Should().Be("lock_id");
        table.Value.GetProperty("Table").GetProperty("BillingModeSummary").GetProperty("BillingMode").GetString().Should().Be("PAY_PER_REQUEST");

        await _project.SucceedsAsync("deploy", "-e", "team");

        var objects = await _moto.AwsAsync("s3api", "list-objects-v2", "--bucket", "team-state");
        objects!.Value.GetProperty("Contents").EnumerateArray().Select(o => o.GetProperty("Key").GetString()).Should().Contain(k => k!.StartsWith("stagecraft/demo/team/", StringComparison.Ordinal));
        var plan = await _project.SucceedsAsync("plan", "-e", "team");
        plan.Output.Should().Contain("No changes", "the state in moto's S3 remembers the deploy");
    }

    [Fact]
    public async Task An_aws_environment_sends_its_state_to_its_endpoint_url_when_the_state_names_none()
    {
        var result = await _project.SucceedsAsync("bootstrap", "-e", "cloud");

        result.Output.Should().MatchRegex(@"created\s+state bucket\s+cloud-state").And.MatchRegex(@"created\s+lock table\s+cloud-locks")
            .And.MatchRegex(@"created\s+deployment bucket\s+demo-deploy");
        await BucketIsSecuredAsync("cloud-state");
        await BucketIsSecuredAsync("demo-deploy");
        await _project.SucceedsAsync("deploy", "-e", "cloud");
        var objects = await _moto.AwsAsync("s3api", "list-objects-v2", "--bucket", "cloud-state");
        objects!.Value.GetProperty("Contents").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Every_other_region_the_environments_stages_use_gets_its_default_deployment_bucket_made_there()
    {
        var first = await _project.SucceedsAsync("bootstrap", "-e", "regions");
        var second = await _project.SucceedsAsync("bootstrap", "-e", "regions");

        var account = (await _moto.AwsAsync("sts", "get-caller-identity"))!.Value.GetProperty("Account").GetString();
        first.Output.Should().MatchRegex(@"created\s+deployment bucket\s+regions-deploy\n")
            .And.MatchRegex($@"created\s+deployment bucket\s+stagecraft-deploy-{account}-us-east-1\n")
            .And.MatchRegex($@"created\s+deployment bucket\s+stagecraft-deploy-{account}-eu-west-1\n")
            .And.NotContain("ap-southeast-2", "far-away exists only in another environment")
            .And.NotContain($"stagecraft-deploy-{account}-eu-west-2", "the environment's own region has its named bucket");
        second.Output.Should().MatchRegex($@"exists\s+deployment bucket\s+stagecraft-deploy-{account}-us-east-1\n")
            .And.MatchRegex($@"exists\s+deployment bucket\s+stagecraft-deploy-{account}-eu-west-1\n").And.NotContain("created");
        (await LocationAsync("regions-deploy")).Should().Be("eu-west-2");
        (await LocationAsync($"stagecraft-deploy-{account}-us-east-1")).Should().BeNull("S3 reports us-east-1 as no location constraint");
        (await LocationAsync($"stagecraft-deploy-{account}-eu-west-1")).Should().Be("eu-west-1");
        await BucketIsSecuredAsync($"stagecraft-deploy-{account}-us-east-1");
        var buckets = (await _moto.AwsAsync("s3api", "list-buckets"))!.Value.GetProperty("Buckets").EnumerateArray().Select(b => b.GetProperty("Name").GetString()).ToList();
        buckets.Should().NotContain(b => b!.EndsWith("ap-southeast-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_environment_with_neither_an_aws_target_nor_an_s3_state_is_refused()
    {
        var result = await _project.RunAsync("bootstrap", "-e", "plain");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain("bootstrap prepares AWS environments and s3 state backends only");
    }

    private async Task<string?> LocationAsync(string bucket) =>
        (await _moto.AwsAsync("s3api", "get-bucket-location", "--bucket", bucket))!.Value.GetProperty("LocationConstraint") is { ValueKind: System.Text.Json.JsonValueKind.String } location
            ? location.GetString()
            : null;

    private async Task BucketIsSecuredAsync(string bucket)
    {
        (await _moto.AwsAsync("s3api", "get-bucket-versioning", "--bucket", bucket))!.Value.GetProperty("Status").GetString().Should().Be("Enabled");
        var encryption = await _moto.AwsAsync("s3api", "get-bucket-encryption", "--bucket", bucket);
        encryption!.Value.GetProperty("ServerSideEncryptionConfiguration").GetProperty("Rules")[0]
            .GetProperty("ApplyServerSideEncryptionByDefault").GetProperty("SSEAlgorithm").GetString().Should().Be("AES256");
        var block = (await _moto.AwsAsync("s3api", "get-public-access-block", "--bucket", bucket))!.Value.GetProperty("PublicAccessBlockConfiguration");
        block.GetProperty("BlockPublicAcls").GetBoolean().Should().BeTrue();
        block.GetProperty("RestrictPublicBuckets").GetBoolean().Should().BeTrue();
    }
}
