using Stagecraft.Aws.Ami;
using Stagecraft.Aws.Cdk;
using Stagecraft.Aws.CloudFormation;
using Stagecraft.Aws.CodeDeploy;
using Stagecraft.Aws.Docker;
using Stagecraft.Aws.Ec2;
using Stagecraft.Aws.Lambda;
using Stagecraft.Aws.Serverless;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.State;

namespace Stagecraft.Aws.Tests.Kinds;

/// <summary>Each AWS kind's drift check against the doubles, with what it made changed or removed out of band.</summary>
public sealed class DriftCheckTests : IDisposable
{
    private const string Stack = "demo-test-common";
    private readonly AwsHarness _aws = new("aws", "serverless", "cdk", "docker");

    public DriftCheckTests()
    {
        _aws.Project.Write("templates/common.yml", Templates.Storage);
    }

    public void Dispose() => _aws.Dispose();

    private static StageRecord Deployed(string kind, params (string Key, string Value)[] outputs) =>
        new("s", kind, StageStatus.Deployed, "fp", null, outputs.ToDictionary(o => o.Key, o => new OutputValue(o.Value)), [], null, false, 1, DateTimeOffset.UnixEpoch, null);

    private async Task<StageRecord> DeployStackAsync()
    {
        var outcome = (StageOutcome.Completed)await new CloudFormationKind().ApplyAsync(StackContext(null), CancellationToken.None);
        return Deployed("cloudformation", [.. outcome.Outputs.Select(o => (o.Key, o.Value.Value))]);
    }

    private StageContext StackContext(StageRecord? previous) =>
        _aws.Context("common", b => b.Scalar("template", "templates/common.yml").Map("parameters", ("Prefix", "imaging", false)), previous: previous);

    private Task<DriftResult> CheckStackAsync(StageRecord previous) => new CloudFormationKind().CheckDriftAsync(StackContext(previous), CancellationToken.None);

    [Fact]
    public async Task A_deployed_stack_is_in_sync_after_drift_detection_found_nothing()
    {
        var previous = await DeployStackAsync();

        var result = await CheckStackAsync(previous);

        result.Should().BeOfType<DriftResult.InSync>();
        result.Notes.Should().BeEmpty();
        _aws.Tools.Of("cloudformation", "detect-stack-drift").Should().ContainSingle().Which.Option("--stack-name").Should().Be(Stack);
        _aws.Tools.Of("cloudformation", "describe-stack-drift-detection-status").Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_stack_deleted_by_hand_is_gone()
    {
        var previous = await DeployStackAsync();
        _aws.Tools.EditState(s => s["stacks"]!.AsObject().Remove(Stack));

        var result = await CheckStackAsync(previous);

        result.Should().BeOfType<DriftResult.Gone>().Which.What.Should().Be($"stack {Stack} does not exist");
    }

    [Fact]
    public async Task A_property_changed_by_hand_is_drifted_and_says_a_redeploy_cannot_repair_it()
    {
        var previous = await DeployStackAsync();
        _aws.Tools.Control(new
        {
            drift_detection_polls = 2,
            resource_drift = new Dictionary<string, object>
            {
                [Stack] = new[]
                {
                    new
                    {
                        LogicalResourceId = "DataBucket",
                        ResourceType = "AWS::S3::Bucket",
                        StackResourceDriftStatus = "MODIFIED",
                        PropertyDifferences = new[] { new { PropertyPath = "/VersioningConfiguration/Status", ExpectedValue = "Enabled", ActualValue = "Suspended", DifferenceType = "NOT_EQUAL" } },
                    },
                },
            },
        });

        var result = await CheckStackAsync(previous);

        var drifted = result.Should().BeOfType<DriftResult.Drifted>().Subject;
        drifted.Differences.Should().ContainSingle().Which.Should().Be("DataBucket (AWS::S3::Bucket) modified: /VersioningConfiguration/Status not equal");
        drifted.Unrepairable.Should().Contain("undo the change by hand");
        _aws.Tools.Of("cloudformation", "describe-stack-drift-detection-status").Should().HaveCount(3, "the detection was in progress for two polls");
        _aws.Tools.Of("cloudformation", "describe-stack-resource-drifts").Single().Args.Should().ContainInOrder("--stack-resource-drift-status-filters", "MODIFIED", "DELETED");
    }

    [Fact]
    public async Task When_drift_detection_errors_the_stack_is_checked_and_its_resources_are_noted_as_unchecked()
    {
        var previous = await DeployStackAsync();
        _aws.Tools.Control(new { fail = new Dictionary<string, object> { ["aws cloudformation detect-stack-drift"] = new { code = "InternalFailure", message = "not implemented" } } });

        var result = await CheckStackAsync(previous);

        result.Should().BeOfType<DriftResult.InSync>();
        result.Notes.Should().ContainSingle().Which.Should().Contain($"resources of stack {Stack} not checked").And.Contain("not implemented");
    }

    [Fact]
    public async Task A_stack_left_failed_by_someone_else_is_drifted_and_repairable()
    {
        var previous = await DeployStackAsync();
        _aws.Tools.EditState(s => s["stacks"]![Stack]!["StackStatus"] = "UPDATE_ROLLBACK_FAILED");

        var result = await CheckStackAsync(previous);

        var drifted = result.Should().BeOfType<DriftResult.Drifted>().Subject;
        drifted.Differences.Should().ContainSingle().Which.Should().Contain("UPDATE_ROLLBACK_FAILED");
        drifted.Unrepairable.Should().BeNull();
    }

    [Fact]
    public async Task Access_denied_is_an_error_not_an_answer()
    {
        var previous = await DeployStackAsync();
        _aws.Tools.Control(new { fail = new Dictionary<string, object> { ["aws cloudformation describe-stacks"] = new { code = "AccessDenied", message = "User is not authorized to perform: cloudformation:DescribeStacks" } } });

        var act = () => CheckStackAsync(previous);

        (await act.Should().ThrowAsync<AwsException>()).Which.Message.Should().Contain("not authorized");
    }

    [Fact]
    public async Task Serverless_and_cdk_stacks_removed_by_hand_are_gone()
    {
        _aws.Tools.EditState(s => s["stacks"] = new System.Text.Json.Nodes.JsonObject
        {
            ["App-Infra"] = new System.Text.Json.Nodes.JsonObject { ["StackId"] = "arn:infra", ["StackName"] = "App-Infra", ["StackStatus"] = "CREATE_COMPLETE" },
        });
        var serverless = _aws.Context("api-db", b => b.Scalar("service_dir", "services/db"), previous: Deployed("serverless", ("stack_name", "imaging-db-test")));
        var cdk = _aws.Context("infra", b => b.Scalar("app_dir", "cdk").List("stacks", "App-Infra", "App-Code"), previous: Deployed("cdk"));

        (await new ServerlessKind().CheckDriftAsync(serverless, CancellationToken.None)).Should().BeOfType<DriftResult.Gone>()
            .Which.What.Should().Be("stack imaging-db-test does not exist");
        (await new CdkKind().CheckDriftAsync(cdk, CancellationToken.None)).Should().BeOfType<DriftResult.Drifted>()
            .Which.Differences.Should().Equal("stack App-Code does not exist");
    }

    [Fact]
    public async Task An_image_deregistered_by_hand_is_gone_and_an_available_one_in_sync()
    {
        _aws.Sdk.FakeEc2.Images["ami-0123"] = new MachineImage(new ImageId("ami-0123"), "demo", "available");
        await _aws.Sdk.FakeEc2.DescribeImageAsync(new ImageId("ami-0123"), CancellationToken.None); // made long ago: past the double's first-look miss
        var context = _aws.Context("image", b => b.Scalar("name", "demo"), previous: Deployed("ami", ("image_id", "ami-0123")));

        (await new AmiKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.InSync>();
        _aws.Sdk.FakeEc2.Images.TryRemove("ami-0123", out _);
        (await new AmiKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Gone>()
            .Which.What.Should().Contain("ami-0123 does not exist");
    }

    [Fact]
    public async Task A_tag_pushed_over_is_drifted_and_a_deleted_tag_gone()
    {
        const string Recorded = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        _aws.Tools.EditState(s => s["ecr"] = new System.Text.Json.Nodes.JsonObject { ["app"] = new System.Text.Json.Nodes.JsonObject { ["abc123"] = Recorded } });
        var context = _aws.Context("image", b => b.Scalar("repository", "123456789012.dkr.ecr.eu-west-2.amazonaws.com/app").Scalar("context", "."),
            previous: Deployed("docker", ("tag", "abc123"), ("digest", Recorded)));

        (await new DockerKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.InSync>();
        _aws.Tools.EditState(s => s["ecr"]!["app"]!["abc123"] = "sha256:2222222222222222222222222222222222222222222222222222222222222222");
        var drifted = (await new DockerKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Drifted>().Subject;
        drifted.Differences.Single().Should().Contain("sha256:2222").And.Contain("state recorded " + Recorded);
        drifted.Unrepairable.Should().Contain("delete the tag");
        _aws.Tools.EditState(s => s["ecr"]!["app"]!.AsObject().Remove("abc123"));
        (await new DockerKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Gone>();
    }

    [Fact]
    public async Task A_tag_pushed_over_in_another_registry_is_drifted_and_a_deleted_one_gone()
    {
        const string Recorded = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
        _aws.Tools.EditState(s => s["registry"] = new System.Text.Json.Nodes.JsonObject { ["registry.example.org/jobs/ingest:abc123"] = Recorded });
        var context = _aws.Context("image", b => b.Scalar("repository", "registry.example.org/jobs/ingest").Scalar("context", "."),
            previous: Deployed("docker", ("tag", "abc123"), ("digest", Recorded)));

        (await new DockerKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.InSync>();
        _aws.Tools.OfTool("docker", "manifest").Should().ContainSingle().Which.Args.Should().Contain("registry.example.org/jobs/ingest:abc123");
        _aws.Tools.EditState(s => s["registry"]!["registry.example.org/jobs/ingest:abc123"] = "sha256:4444444444444444444444444444444444444444444444444444444444444444");
        (await new DockerKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Drifted>()
            .Which.Differences.Single().Should().Contain("sha256:4444").And.Contain("state recorded " + Recorded);
        _aws.Tools.EditState(s => s["registry"]!.AsObject().Remove("registry.example.org/jobs/ingest:abc123"));
        (await new DockerKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Gone>()
            .Which.What.Should().Be("registry.example.org/jobs/ingest:abc123 is not in the registry");
    }

    [Fact]
    public async Task A_deployment_group_whose_last_success_is_another_deployment_has_drifted()
    {
        StageContext Release(StageRecord? previous) => _aws.Context("release", b => b.Scalar("application", "election-app").Scalar("deployment_group", "election-app-dg")
            .Scalar("service_role_arn", "arn:aws:iam::123456789012:role/CodeDeploy").Scalar("auto_scaling_group", "election-app-asg").Scalar("target_group", "election-app-tg")
            .Map("revision", ("repository", "example/election-app", false), ("commit_id", "abc123", false)), previous: previous);
        var outcome = (StageOutcome.Completed)await new CodeDeployKind().ApplyAsync(Release(null), CancellationToken.None);
        var previous = Deployed("codedeploy", ("deployment_id", outcome.Outputs["deployment_id"].Value));

        (await new CodeDeployKind().CheckDriftAsync(Release(previous), CancellationToken.None)).Should().BeOfType<DriftResult.InSync>();
        _aws.Tools.EditState(s => s["deploymentGroups"]!["election-app/election-app-dg"]!["lastSuccessfulDeployment"]!["deploymentId"] = "d-BYHAND001");
        (await new CodeDeployKind().CheckDriftAsync(Release(previous), CancellationToken.None)).Should().BeOfType<DriftResult.Drifted>()
            .Which.Differences.Single().Should().Contain("d-BYHAND001").And.Contain("not " + outcome.Outputs["deployment_id"].Value);
        _aws.Tools.EditState(s => s["deploymentGroups"]!.AsObject().Remove("election-app/election-app-dg"));
        (await new CodeDeployKind().CheckDriftAsync(Release(previous), CancellationToken.None)).Should().BeOfType<DriftResult.Gone>();
    }

    [Fact]
    public async Task An_invocation_is_one_shot_and_never_drifts()
    {
        var context = _aws.Context("invoke", b => b.Scalar("function", "f"), previous: Deployed("lambda-invoke"));

        (await new LambdaInvokeKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Unchecked>()
            .Which.Why.Should().StartWith("one-shot");
    }
}
