using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// The cloudformation kind through the real aws CLI v2 against moto: change sets to create and
/// update, waiting on the stack, failures, and delete. Where moto is not CloudFormation the test
/// says so, and the kind's tests against the double (Kinds/CloudFormationKindTests) cover that path.
/// </summary>
public sealed class CloudFormationMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime, IDisposable
{
    private const string Template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Prefix:
            Type: String
          Retention:
            Type: String
            Default: "7"
        Resources:
          Data:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub "${Prefix}-data"
          Jobs:
            Type: AWS::SQS::Queue
            Properties:
              QueueName: !Sub "${Prefix}-jobs"
              MessageRetentionPeriod: !Ref Retention
        Outputs:
          BucketName:
            Value: !Ref Data
        """;

    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public CloudFormationMotoTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto);
        _project.Write("templates/storage.yml", Template);
        WriteProject(prefix: "demo-moto", retention: "86400");
    }

    public Task InitializeAsync() => _moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_stack_is_created_updated_left_alone_when_unchanged_and_deleted()
    {
        await _project.SucceedsAsync("deploy", "-e", "moto");
        (await StackStatusAsync()).Should().Be("CREATE_COMPLETE");
        (await _moto.AwsAsync("s3api", "head-bucket", "--bucket", "demo-moto-data")).Should().BeNull("the stack's bucket exists");
        _project.StageLog("moto", "storage").Should().Contain("AWS::S3::Bucket").And.Contain("Data").And.Contain("CREATE_COMPLETE");

        WriteProject(prefix: "demo-moto", retention: "172800");
        await _project.SucceedsAsync("deploy", "-e", "moto");
        (await StackStatusAsync()).Should().Be("UPDATE_COMPLETE");
        var parameters = (await DescribeStackAsync()).GetProperty("Parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("ParameterKey").GetString()!, p => p.GetProperty("ParameterValue").GetString());
        parameters["Retention"].Should().Be("172800");

        var plan = await _project.SucceedsAsync("plan", "-e", "moto");
        plan.Output.Should().Contain("No changes", plan.ToString());
        var again = await _project.SucceedsAsync("deploy", "-e", "moto");
        again.Output.Should().NotContain("UPDATE_COMPLETE");
        (await StackStatusAsync()).Should().Be("UPDATE_COMPLETE", "an unchanged stage makes no change set");

        await _project.SucceedsAsync("destroy", "-e", "moto", "--yes");
        var stacks = await _moto.AwsAsync("cloudformation", "list-stacks");
        stacks!.Value.GetProperty("StackSummaries").EnumerateArray()
            .Where(s => s.GetProperty("StackName").GetString() == "demo-moto-storage")
            .Select(s => s.GetProperty("StackStatus").GetString()).Should().OnlyContain(s => s == "DELETE_COMPLETE");
    }

    [Fact]
    public async Task A_create_that_fails_reports_the_reason()
    {
        // The bucket the stack wants already exists, out of band.
        await _moto.AwsAsync("s3api", "create-bucket", "--bucket", "demo-moto-data", "--create-bucket-configuration", "LocationConstraint=" + MotoServer.Region);

        var failed = await _project.RunAsync("deploy", "-e", "moto");

        // Moto is not CloudFormation here: it fails ExecuteChangeSet itself with the resource's
        // error and leaves the stack in REVIEW_IN_PROGRESS, where AWS would accept the call, emit
        // CREATE_FAILED events with reasons and end in ROLLBACK_COMPLETE. The events, their reasons,
        // SC-AWS-0101 and recreate_failed are covered by the double (CloudFormationKindTests).
        failed.ExitCode.Should().NotBe(0, failed.ToString());
        (failed.Output + failed.Error).Should().Contain("BucketAlreadyExists");
        (failed.Output + failed.Error).Should().Contain("SC-AWS-0004").And.Contain("ExecuteChangeSet");
        (await StackStatusAsync()).Should().Be("REVIEW_IN_PROGRESS");

        // Not tried again here: moto answers a second CREATE change set on that stack name with a
        // second stack of the same name, and DescribeStacks keeps showing the first one; AWS
        // creates the change set on the REVIEW_IN_PROGRESS stack itself (the double covers it).
    }

    private void WriteProject(string prefix, string retention) => _project.Write("stagecraft.yml", $$"""
        project: demo
        environments:
          moto:
            target: aws
            region: eu-west-2
            endpoint_url: {moto}
        stages:
          storage:
            kind: cloudformation
            template: templates/storage.yml
            recreate_failed: true
            publish_outputs: /demo/moto/storage/
            parameters:
              Prefix: {{prefix}}
              Retention: "{{retention}}"
        """);

    private async Task<System.Text.Json.JsonElement> DescribeStackAsync() =>
        (await _moto.AwsAsync("cloudformation", "describe-stacks", "--stack-name", "demo-moto-storage"))!.Value.GetProperty("Stacks")[0];

    private async Task<string?> StackStatusAsync() => (await DescribeStackAsync()).GetProperty("StackStatus").GetString();
}
