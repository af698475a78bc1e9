using Stagecraft.Aws.CloudFormation;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Kinds;

namespace Stagecraft.Aws.Tests.Kinds;

public sealed class CloudFormationKindTests : IDisposable
{
    private const string Stack = "demo-test-common";
    private readonly AwsHarness _aws = new("aws");
    private readonly CloudFormationKind _kind = new();

    public CloudFormationKindTests()
    {
        _aws.Project.Write("templates/common.yml", Templates.Storage);
    }

    public void Dispose() => _aws.Dispose();

    private StageContext Context(string prefix = "imaging", string fingerprint = "aaaaaaaaaaaaaaaa1", Action<Stagecraft.TestSupport.StageContextBuilder>? more = null) =>
        _aws.Context("common", b =>
        {
            b.Scalar("template", "templates/common.yml").Map("parameters", ("Prefix", prefix, false));
            more?.Invoke(b);
        }, fingerprint);

    [Fact]
    public async Task Creates_the_stack_through_a_create_change_set_and_returns_its_outputs()
    {
        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        _aws.Tools.Of("cloudformation", "create-change-set").Should().ContainSingle().Which.Option("--change-set-type").Should().Be("CREATE");
        _aws.Tools.Of("cloudformation", "execute-change-set").Should().ContainSingle();
        _aws.Tools.StackStatus(Stack).Should().Be("CREATE_COMPLETE");
        outcome.Outputs["BucketName"].Value.Should().Be($"{Stack}-BucketName");
        outcome.Outputs["VolumeId"].Value.Should().Be($"{Stack}-VolumeId");
        outcome.Outputs["stack_name"].Value.Should().Be(Stack);
        _aws.LogText.Should().Contain("Add      AWS::S3::Bucket").And.Contain("CREATE_COMPLETE").And.Contain("DataBucket");
    }

    [Fact]
    public async Task Parameters_go_by_file_and_every_call_is_argv_with_json_output_and_region()
    {
        await _kind.ApplyAsync(Context("with space; $(x)"), CancellationToken.None);

        var create = _aws.Tools.Of("cloudformation", "create-change-set").Single();
        create.Option("--parameters").Should().StartWith("file://");
        create.Args.Should().NotContain(a => a.Contains("with space", StringComparison.Ordinal));
        _aws.Tools.Calls.Where(c => c.Args[0] != "--version").Should().OnlyContain(c => c.Option("--output") == "json" && c.Option("--region") == "eu-west-2" && c.Args.Contains("--no-cli-pager"));
        Directory.GetFiles(_aws.Project.Path, "parameters-*.json", SearchOption.AllDirectories).Should().BeEmpty("the parameters file is deleted after use");
    }

    [Fact]
    public async Task Updates_an_existing_stack_with_an_update_change_set()
    {
        await _kind.ApplyAsync(Context("one"), CancellationToken.None);
        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context("two", "bbbbbbbbbbbbbbbb2"), CancellationToken.None);

        _aws.Tools.Of("cloudformation", "create-change-set").Select(c => c.Option("--change-set-type")).Should().Equal("CREATE", "UPDATE");
        _aws.Tools.StackStatus(Stack).Should().Be("UPDATE_COMPLETE");
        _aws.LogText.Should().Contain("Modify").And.Contain("UPDATE_COMPLETE");
        outcome.Outputs.Should().ContainKey("BucketName");
    }

    [Fact]
    public async Task No_changes_is_success_and_the_empty_change_set_is_deleted()
    {
        await _kind.ApplyAsync(Context(), CancellationToken.None);
        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(fingerprint: "cccccccccccccccc3"), CancellationToken.None);

        _aws.Tools.Of("cloudformation", "execute-change-set").Should().ContainSingle("the second change set was empty");
        _aws.Tools.Of("cloudformation", "delete-change-set").Should().ContainSingle();
        _aws.LogText.Should().Contain("no changes");
        outcome.Outputs["BucketName"].Value.Should().Be($"{Stack}-BucketName");
    }

    [Fact]
    public async Task A_failed_create_reports_each_failed_resource_with_its_reason()
    {
        _aws.Tools.Control(new
        {
            resource_failures = new Dictionary<string, object>
            {
                [Stack] = new[]
                {
                    new { LogicalResourceId = "DataBucket", ResourceType = "AWS::S3::Bucket", Reason = "imaging-data already exists" },
                    new { LogicalResourceId = "Volume", ResourceType = "AWS::EFS::FileSystem", Reason = "Resource creation cancelled" },
                },
            },
        });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().StartWith("SC-AWS-0101").And.Contain("ROLLBACK_COMPLETE");
        failure.Details.Should().Equal(
            "DataBucket (AWS::S3::Bucket): CREATE_FAILED: imaging-data already exists",
            "Volume (AWS::EFS::FileSystem): CREATE_FAILED: Resource creation cancelled");
        failure.Hint.Should().Contain("recreate_failed");
    }

    [Fact]
    public async Task A_stack_left_in_rollback_complete_is_refused_without_recreate_failed()
    {
        await FailFirstCreateAsync();
        _aws.Tools.Control(new { });

        var act = () => _kind.ApplyAsync(Context(fingerprint: "dddddddddddddddd4"), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().StartWith("SC-AWS-0102").And.Contain("ROLLBACK_COMPLETE");
        failure.Hint.Should().Contain("recreate_failed: true").And.Contain("delete-stack");
    }

    [Fact]
    public async Task A_stack_left_in_rollback_complete_is_deleted_and_created_again_with_recreate_failed()
    {
        await FailFirstCreateAsync();
        _aws.Tools.Control(new { });

        await _kind.ApplyAsync(Context(fingerprint: "eeeeeeeeeeeeeeee5", more: b => b.Scalar("recreate_failed", "true")), CancellationToken.None);

        _aws.Tools.Of("cloudformation", "delete-stack").Should().ContainSingle();
        _aws.Tools.Of("cloudformation", "create-change-set").Select(c => c.Option("--change-set-type")).Should().Equal("CREATE", "CREATE");
        _aws.Tools.StackStatus(Stack).Should().Be("CREATE_COMPLETE");
        _aws.LogText.Should().Contain("deleting it to create it again");
    }

    [Fact]
    public async Task Throttled_calls_are_retried_with_backoff()
    {
        _aws.Tools.Control(new { throttle = new Dictionary<string, int> { ["aws cloudformation describe-stacks"] = 2, ["aws cloudformation create-change-set"] = 1 } });

        await _kind.ApplyAsync(Context(), CancellationToken.None);

        _aws.Tools.Of("cloudformation", "create-change-set").Should().HaveCount(2);
        _aws.Tools.StackStatus(Stack).Should().Be("CREATE_COMPLETE");
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_fails_with_a_stable_code()
    {
        _aws.Tools.Control(new { throttle = new Dictionary<string, int> { ["aws cloudformation describe-stacks"] = 100 } });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        (await act.Should().ThrowAsync<AwsException>()).Which.Message.Should().StartWith("SC-AWS-0005").And.Contain("Throttling");
        _aws.Tools.Of("cloudformation", "describe-stacks").Should().HaveCount(6, "one call and five retries");
    }

    [Fact]
    public async Task Access_denied_names_the_missing_iam_action()
    {
        _aws.Tools.Control(new { fail = new Dictionary<string, object> { ["aws cloudformation create-change-set"] = new { code = "AccessDenied", message = "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudformation:CreateChangeSet on resource: arn:aws:cloudformation:eu-west-2:123456789012:stack/demo-test-common/*" } } });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<AwsException>()).Which;
        failure.Message.Should().StartWith("SC-AWS-0003").And.Contain("cloudformation:CreateChangeSet");
        failure.Hint.Should().Contain("grant cloudformation:CreateChangeSet");
    }

    [Fact]
    public async Task Times_out_when_the_stack_never_settles()
    {
        _aws.Tools.Control(new { stuck_in_progress = new[] { Stack } });

        var act = () => _kind.ApplyAsync(Context(more: b => b.Scalar("timeout", "1s")), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().StartWith("SC-AWS-0009").And.Contain("1s").And.Contain(Stack);
    }

    [Fact]
    public async Task Ctrl_C_stops_a_hanging_aws_call()
    {
        _aws.Tools.Control(new { hang = new[] { "aws cloudformation execute-change-set" } });
        using var cts = new CancellationTokenSource();

        var apply = _kind.ApplyAsync(Context(), cts.Token);
        await Stagecraft.TestSupport.Eventually.TrueAsync(() => _aws.Tools.Of("cloudformation", "execute-change-set").Count == 1, "the execute call", TimeSpan.FromSeconds(90));
        cts.Cancel();

        await apply.Invoking(a => a).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Publishes_outputs_to_the_parameter_store_under_the_prefix()
    {
        await _kind.ApplyAsync(Context(more: b => b.Scalar("publish_outputs", "/imaging/test/common")), CancellationToken.None);

        _aws.Sdk.ParameterStore.Values.Keys.Should().BeEquivalentTo("/imaging/test/common/BucketName", "/imaging/test/common/VolumeId");
        _aws.Sdk.ParameterStore.Values["/imaging/test/common/VolumeId"].Should().Be(new ParameterValue($"{Stack}-VolumeId", false));
    }

    [Fact]
    public async Task Destroy_deletes_the_stack_and_waits_until_it_is_gone()
    {
        await _kind.ApplyAsync(Context(), CancellationToken.None);

        await _kind.DestroyAsync(Context(), CancellationToken.None);

        _aws.Tools.StackStatus(Stack).Should().BeNull();
        _aws.LogText.Should().Contain("deleted");
        await _kind.DestroyAsync(Context(), CancellationToken.None);
        _aws.LogText.Should().Contain("does not exist: nothing to delete");
    }

    [Fact]
    public async Task Remote_plan_lists_resource_changes_and_leaves_nothing_behind()
    {
        var changes = await _kind.DescribeRemoteChangesAsync(Context(), CancellationToken.None);

        changes!.Changes.Select(c => (c.Action, c.Resource)).Should().Equal(("Add", "DataBucket"), ("Add", "Volume"));
        _aws.Tools.Of("cloudformation", "delete-change-set").Should().ContainSingle();
        _aws.Tools.Of("cloudformation", "execute-change-set").Should().BeEmpty();
        _aws.Tools.StackStatus(Stack).Should().Be("DELETE_IN_PROGRESS", "the REVIEW_IN_PROGRESS stack a create change set makes is deleted too");
    }

    [Fact]
    public async Task A_missing_aws_cli_says_how_to_install_it()
    {
        _aws.Tools.Remove("aws");

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<AwsException>()).Which;
        failure.Message.Should().Be("SC-AWS-0001: the AWS CLI v2 ('aws') was not found on PATH");
        failure.Hint.Should().Contain("install").And.Contain("docs.aws.amazon.com/cli");
    }

    [Fact]
    public async Task An_aws_cli_v1_first_on_path_is_refused()
    {
        _aws.Tools.Control(new { version = "aws-cli/1.22.34 Python/3.10.12 Linux/5.15.0 botocore/1.23.34" });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        (await act.Should().ThrowAsync<AwsException>()).Which.Message.Should().StartWith("SC-AWS-0002").And.Contain("version 1.22").And.Contain("needs v2");
    }

    private async Task FailFirstCreateAsync()
    {
        _aws.Tools.Control(new { resource_failures = new Dictionary<string, object> { [Stack] = new[] { new { LogicalResourceId = "Volume", Reason = "quota" } } } });
        await _kind.Invoking(k => k.ApplyAsync(Context(), CancellationToken.None)).Should().ThrowAsync<StageFailedException>();
        _aws.Tools.StackStatus(Stack).Should().Be("ROLLBACK_COMPLETE");
    }

    [Fact]
    public async Task An_execute_change_set_that_failed_with_a_5xx_is_not_retried()
    {
        _aws.Tools.Control(new { fail = new Dictionary<string, object> { ["aws cloudformation execute-change-set"] = new { code = "InternalFailure", message = "Internal error", times = 1 } } });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        await act.Should().ThrowAsync<Exception>();
        _aws.Tools.Of("cloudformation", "execute-change-set").Should().ContainSingle("the change set may be executing already");
    }

    [Fact]
    public async Task A_remote_plan_that_fails_while_polling_deletes_its_change_set_and_the_empty_new_stack()
    {
        _aws.Tools.Control(new { fail = new Dictionary<string, object> { ["aws cloudformation describe-change-set"] = new { code = "ValidationError", message = "broken poll" } } });

        var act = () => _kind.DescribeRemoteChangesAsync(Context(), CancellationToken.None);

        await act.Should().ThrowAsync<AwsException>();
        var created = _aws.Tools.Of("cloudformation", "create-change-set").Single();
        _aws.Tools.Of("cloudformation", "delete-change-set").Should().ContainSingle();
        _aws.Tools.Of("cloudformation", "delete-stack").Single().Option("--stack-name").Should().Be(created.Option("--stack-name"));
        _aws.Tools.State["changeSets"]!.AsObject().Should().BeEmpty();
    }

    [Fact]
    public async Task Ctrl_C_during_a_remote_plan_still_deletes_its_change_set()
    {
        _aws.Tools.Control(new { hang = new[] { "aws cloudformation describe-change-set" } });
        using var cts = new CancellationTokenSource();

        var plan = _kind.DescribeRemoteChangesAsync(Context(), cts.Token);
        await Stagecraft.TestSupport.Eventually.TrueAsync(() => _aws.Tools.Of("cloudformation", "describe-change-set").Count == 1, "the poll", TimeSpan.FromSeconds(90));
        cts.Cancel();

        await plan.Invoking(p => p).Should().ThrowAsync<OperationCanceledException>();
        _aws.Tools.Of("cloudformation", "delete-change-set").Should().ContainSingle();
        _aws.Tools.Of("cloudformation", "delete-stack").Should().ContainSingle();
    }
}
