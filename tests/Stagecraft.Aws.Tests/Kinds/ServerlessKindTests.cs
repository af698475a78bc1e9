using Stagecraft.Aws.Serverless;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Kinds;

namespace Stagecraft.Aws.Tests.Kinds;

public sealed class ServerlessKindTests : IDisposable
{
    private readonly AwsHarness _aws = new("aws", "serverless");
    private readonly ServerlessKind _kind = new();

    public ServerlessKindTests()
    {
        _aws.Project.Write("services/db/serverless.yml", "service: imaging-db\nprovider:\n  name: aws\nfunctions:\n  initdb:\n    handler: handler.initdb\n  api:\n    handler: handler.api\n");
    }

    public void Dispose() => _aws.Dispose();

    private StageContext Context(string bucket = "imaging-data", string? timeout = null, bool secretParam = false) => _aws.Context("api-db", b =>
    {
        b.Scalar("service_dir", "services/db").Map("params", ("bucket", bucket, false), ("db_password", "s3cr3t", secretParam));
        if (timeout is not null)
        {
            b.Scalar("timeout", timeout);
        }
    });

    [Fact]
    public async Task Deploys_with_stage_region_and_params_and_reads_outputs_from_the_service_stack()
    {
        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        var deploy = _aws.Tools.OfTool("serverless", "deploy").Single();
        deploy.Option("--stage").Should().Be("test");
        deploy.Option("--region").Should().Be("eu-west-2");
        deploy.Args.Should().Contain("bucket=imaging-data");
        outcome.Outputs["stack_name"].Value.Should().Be("imaging-db-test");
        outcome.Outputs["InitdbLambdaFunctionQualifiedArn"].Value.Should().EndWith("function:imaging-db-test-initdb:1");
        outcome.Outputs.Should().ContainKey("ServiceEndpoint");
        _aws.Tools.Of("cloudformation", "describe-stacks").Single().Option("--stack-name").Should().Be("imaging-db-test");
        _aws.LogText.Should().Contain("Service deployed to stack imaging-db-test").And.NotContain("s3cr3t");
    }

    [Fact]
    public async Task A_secret_param_fails_the_stage_naming_the_key_but_never_the_value()
    {
        var act = () => _kind.ApplyAsync(Context(secretParam: true), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Contain("params.db_password").And.Contain("process list").And.NotContain("s3cr3t");
        failure.Hint.Should().Contain("${ssm:");
        _aws.Tools.OfTool("serverless", "deploy").Should().BeEmpty();
    }

    [Fact]
    public async Task Update_runs_the_deploy_again_against_the_same_stack()
    {
        await _kind.ApplyAsync(Context(), CancellationToken.None);
        await _kind.ApplyAsync(Context("other-bucket"), CancellationToken.None);

        _aws.Tools.OfTool("serverless", "deploy").Should().HaveCount(2);
        _aws.Tools.StackStatus("imaging-db-test").Should().Be("UPDATE_COMPLETE");
    }

    [Fact]
    public async Task A_failed_deploy_shows_the_frameworks_last_lines()
    {
        _aws.Tools.Control(new { fail = new Dictionary<string, object> { ["serverless deploy"] = new { exit = 1, message = "Error:\nCREATE_FAILED: ApiGatewayRestApi (AWS::ApiGateway::RestApi) quota reached" } } });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Be("SC-AWS-0201: serverless deploy exited with code 1");
        failure.Details.Should().Contain(l => l.Contains("quota reached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deploy_that_outlasts_its_timeout_is_stopped()
    {
        _aws.Tools.Control(new { hang = new[] { "serverless deploy" } });

        var act = () => _kind.ApplyAsync(Context(timeout: "1s"), CancellationToken.None);

        (await act.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().StartWith("SC-AWS-0009").And.Contain("serverless deploy timed out after 1s");
    }

    [Fact]
    public async Task Ctrl_C_stops_the_deploy()
    {
        _aws.Tools.Control(new { hang = new[] { "serverless deploy" } });
        using var cts = new CancellationTokenSource();

        var apply = _kind.ApplyAsync(Context(), cts.Token);
        await Stagecraft.TestSupport.Eventually.TrueAsync(() => _aws.Tools.OfTool("serverless", "deploy").Count == 1, "the deploy", TimeSpan.FromSeconds(90));
        cts.Cancel();

        await apply.Invoking(a => a).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_missing_serverless_cli_says_how_to_install_it()
    {
        _aws.Tools.Remove("serverless");

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Be("SC-AWS-0008: the Serverless Framework CLI ('serverless') was not found on PATH");
        failure.Hint.Should().Contain("npm install -g serverless");
    }
}
