using Stagecraft.Aws.Cdk;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Kinds;

namespace Stagecraft.Aws.Tests.Kinds;

public sealed class CdkKindTests : IDisposable
{
    private readonly AwsHarness _aws = new("aws", "cdk");
    private readonly CdkKind _kind = new();

    public CdkKindTests()
    {
        _aws.Project.Write("cdk/cdk.json", "{\"app\": \"npx ts-node bin/app.ts\"}");
        _aws.Tools.Control(new
        {
            cdk_outputs = new Dictionary<string, object>
            {
                ["App-Infra"] = new { TargetGroupName = "app-tg", Shared = "infra" },
                ["App-Code"] = new { ApplicationName = "app", Shared = "code" },
            },
        });
    }

    public void Dispose() => _aws.Dispose();

    private StageContext Context(string? timeout = null) => _aws.Context("infra", b =>
    {
        b.Scalar("app_dir", "cdk").List("stacks", "App-Infra", "App-Code").Map("context", ("dc-environment", "test", false));
        if (timeout is not null)
        {
            b.Scalar("timeout", timeout);
        }
    });

    [Fact]
    public async Task Deploys_the_listed_stacks_without_approval_and_returns_their_outputs()
    {
        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        var deploy = _aws.Tools.OfTool("cdk", "deploy").Single();
        deploy.Args.Take(3).Should().Equal("deploy", "App-Infra", "App-Code");
        deploy.Option("--require-approval").Should().Be("never");
        deploy.Option("--context").Should().Be("dc-environment=test");
        outcome.Outputs["TargetGroupName"].Value.Should().Be("app-tg");
        outcome.Outputs["App-Code-Shared"].Value.Should().Be("code");
        outcome.Outputs.Should().NotContainKey("Shared", "two stacks have it: only the qualified names are given");
    }

    [Fact]
    public async Task A_secret_context_value_fails_the_stage_naming_the_key_but_never_the_value()
    {
        var context = _aws.Context("infra", b => b.Scalar("app_dir", "cdk").List("stacks", "App-Infra").Map("context", ("api-key", "s3cr3t", true)));

        var act = () => _kind.ApplyAsync(context, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Contain("context.api-key").And.Contain("process list").And.NotContain("s3cr3t");
        failure.Hint.Should().Contain("ssm");
        _aws.Tools.OfTool("cdk", "deploy").Should().BeEmpty();
    }

    [Fact]
    public async Task A_failed_deploy_fails_the_stage_with_its_output()
    {
        _aws.Tools.Control(new { fail = new Dictionary<string, object> { ["cdk deploy"] = new { exit = 1, message = "❌  App-Infra failed: Error: The stack named App-Infra failed to deploy: UPDATE_ROLLBACK_COMPLETE" } } });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Be("SC-AWS-0201: cdk deploy exited with code 1");
        failure.Details.Should().Contain(l => l.Contains("UPDATE_ROLLBACK_COMPLETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hanging_deploy_times_out()
    {
        _aws.Tools.Control(new { hang = new[] { "cdk deploy" } });

        var act = () => _kind.ApplyAsync(Context("1s"), CancellationToken.None);

        (await act.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().StartWith("SC-AWS-0009");
    }

    [Fact]
    public async Task A_missing_cdk_cli_says_how_to_install_it()
    {
        _aws.Tools.Remove("cdk");

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        (await act.Should().ThrowAsync<StageFailedException>()).Which.Hint.Should().Contain("npm install -g aws-cdk");
    }
}
