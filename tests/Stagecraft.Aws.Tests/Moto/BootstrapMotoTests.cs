using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// 'stagecraft bootstrap' against moto: the s3 state's bucket and lock table for an environment of
/// any target (here a local one deploying from CI), and an AWS environment's deployment bucket,
/// all through the real S3 and DynamoDB SDK clients.
/// </summary>
public sealed class BootstrapMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime, IDisposable
{
    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public BootstrapMotoTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto);
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
            stages:
              hello:
                kind: command
                run: ["dotnet", "--version"]
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
    public async Task An_environment_with_neither_an_aws_target_nor_an_s3_state_is_refused()
    {
        var result = await _project.RunAsync("bootstrap", "-e", "plain");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Error.Should().Contain("bootstrap prepares AWS environments and s3 state backends only");
    }

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
