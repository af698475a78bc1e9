using Stagecraft.Aws.CodeDeploy;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Kinds;

namespace Stagecraft.Aws.Tests.Kinds;

public sealed class CodeDeployKindTests : IDisposable
{
    private readonly AwsHarness _aws = new("aws");
    private readonly CodeDeployKind _kind = new();

    public void Dispose() => _aws.Dispose();

    private StageContext Context(string commit = "abc123", string? timeout = null, string fingerprint = "1111222233334444", string role = "arn:aws:iam::123456789012:role/CodeDeploy",
        string wait = "5", bool fleet = false) => _aws.Context("release", b =>
    {
        b.Scalar("application", "election-app").Scalar("deployment_group", "election-app-dg").Scalar("service_role_arn", role)
            .Scalar("auto_scaling_group", "election-app-asg").Scalar("target_group", "election-app-tg").Scalar("termination_wait_minutes", wait)
            .Map("revision", ("repository", "example/election-app", false), ("commit_id", commit, false));
        if (fleet)
        {
            b.Scalar("launch_template", "election-app-lt")
                .Map("fleet", ("min_size", "2", false), ("max_size", "4", false), ("subnets", "subnet-a, subnet-b", false), ("target_group_arn", "arn:aws:elasticloadbalancing:eu-west-2:123456789012:targetgroup/election-app-tg/1", false));
        }

        if (timeout is not null)
        {
            b.Scalar("timeout", timeout);
        }
    }, fingerprint);

    [Fact]
    public async Task Creates_application_and_blue_green_group_then_deploys_the_commit()
    {
        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        _aws.Tools.Of("deploy", "create-application").Should().ContainSingle();
        var group = _aws.Tools.Of("deploy", "create-deployment-group").Single();
        group.Option("--deployment-style").Should().Contain("BLUE_GREEN");
        group.Option("--blue-green-deployment-configuration").Should().Contain("COPY_AUTO_SCALING_GROUP");
        group.Option("--load-balancer-info").Should().Contain("election-app-tg");
        group.Option("--auto-scaling-groups").Should().Be("election-app-asg");
        _aws.Tools.Of("deploy", "create-deployment").Single().Option("--revision").Should().Contain("\"commitId\":\"abc123\"");
        outcome.Outputs["deployment_id"].Value.Should().StartWith("d-");
        _aws.LogText.Should().Contain("Succeeded");
    }

    [Fact]
    public async Task A_second_deploy_reuses_application_and_group()
    {
        await _kind.ApplyAsync(Context(), CancellationToken.None);
        await _kind.ApplyAsync(Context("def456", fingerprint: "5555666677778888"), CancellationToken.None);

        _aws.Tools.Of("deploy", "create-deployment-group").Should().ContainSingle();
        _aws.Tools.Of("deploy", "create-deployment").Should().HaveCount(2);
    }

    [Fact]
    public async Task A_deploy_with_changed_group_settings_updates_the_group_and_keeps_its_current_fleet()
    {
        await _kind.ApplyAsync(Context(), CancellationToken.None);
        await _kind.ApplyAsync(Context("def456", fingerprint: "5555666677778888"), CancellationToken.None);
        _aws.Tools.Of("deploy", "update-deployment-group").Should().BeEmpty("the group's settings were unchanged");

        await _kind.ApplyAsync(Context("fed789", fingerprint: "9999000011112222", role: "arn:aws:iam::123456789012:role/CodeDeployV2", wait: "15"), CancellationToken.None);

        var update = _aws.Tools.Of("deploy", "update-deployment-group").Single();
        update.Option("--current-deployment-group-name").Should().Be("election-app-dg");
        update.Option("--auto-scaling-groups").Should().BeNull("CodeDeploy points the group at each new green fleet; naming the first one would undo that");
        var group = _aws.Tools.State["deploymentGroups"]!["election-app/election-app-dg"]!;
        group["serviceRoleArn"]!.GetValue<string>().Should().Be("arn:aws:iam::123456789012:role/CodeDeployV2");
        group["blueGreenDeploymentConfiguration"]!["terminateBlueInstancesOnDeploymentSuccess"]!["terminationWaitTimeInMinutes"]!.GetValue<int>().Should().Be(15);
        group["autoScalingGroups"]![0]!["name"]!.GetValue<string>().Should().StartWith("CodeDeploy_election-app-dg_d-");
        _aws.LogText.Should().Contain("updated deployment group election-app-dg: service role: arn:aws:iam::123456789012:role/CodeDeploy -> arn:aws:iam::123456789012:role/CodeDeployV2; termination wait (minutes): 5 -> 15");
    }

    [Fact]
    public async Task With_a_launch_template_the_first_fleet_is_made_at_latest_and_every_copied_fleet_is_put_back_on_latest()
    {
        _aws.Tools.Control(new { launch_template_version = "3" });

        await _kind.ApplyAsync(Context(fleet: true), CancellationToken.None);

        var created = _aws.Tools.Of("autoscaling", "create-auto-scaling-group").Single();
        created.Option("--auto-scaling-group-name").Should().Be("election-app-asg");
        created.Option("--launch-template").Should().Be("{\"LaunchTemplateName\":\"election-app-lt\",\"Version\":\"$Latest\"}");
        created.Option("--vpc-zone-identifier").Should().Be("subnet-a,subnet-b");
        created.Option("--min-size").Should().Be("2");
        created.Option("--target-group-arns").Should().Contain("targetgroup/election-app-tg");
        _aws.Tools.Calls.Select(c => c.ToString()).ToList().FindIndex(c => c.Contains("create-auto-scaling-group", StringComparison.Ordinal))
            .Should().BeLessThan(_aws.Tools.Calls.Select(c => c.ToString()).ToList().FindIndex(c => c.Contains("create-deployment-group", StringComparison.Ordinal)));
        var green = _aws.Tools.State["deploymentGroups"]!["election-app/election-app-dg"]!["autoScalingGroups"]![0]!["name"]!.GetValue<string>();
        _aws.Tools.State["autoScalingGroups"]![green]!["LaunchTemplate"]!["Version"]!.GetValue<string>().Should().Be("3", "the double copies the version as CodeDeploy does");

        await _kind.ApplyAsync(Context("def456", fingerprint: "5555666677778888", fleet: true), CancellationToken.None);

        var update = _aws.Tools.Of("autoscaling", "update-auto-scaling-group").Single();
        update.Option("--auto-scaling-group-name").Should().Be(green);
        update.Option("--launch-template").Should().Contain("$Latest");
        _aws.Tools.Of("autoscaling", "create-auto-scaling-group").Should().ContainSingle();
        _aws.LogText.Should().Contain($"Auto Scaling group {green} now launches election-app-lt $Latest (was election-app-lt 3)");
        var calls = _aws.Tools.Calls.Select(c => c.ToString()).ToList();
        calls.FindIndex(c => c.Contains("update-auto-scaling-group", StringComparison.Ordinal)).Should().BeLessThan(calls.FindLastIndex(c => c.Contains("create-deployment ", StringComparison.Ordinal)),
            "the fleet is on $Latest before the release copies it");
    }

    [Fact]
    public async Task Waits_while_another_deployment_of_the_group_is_active()
    {
        _aws.Tools.Control(new { active_deployment_polls = 2 });

        await _kind.ApplyAsync(Context(), CancellationToken.None);

        _aws.Tools.Of("deploy", "list-deployments").Should().HaveCount(3);
        _aws.LogText.Should().Contain("d-OTHER00001").And.Contain("waiting for it to finish");
        var calls = _aws.Tools.Calls.Select(c => c.ToString()).ToList();
        calls.FindLastIndex(c => c.Contains("list-deployments", StringComparison.Ordinal)).Should().BeLessThan(calls.FindIndex(c => c.Contains("create-deployment ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failed_deployment_deletes_the_green_auto_scaling_group_and_says_why()
    {
        _aws.Tools.Control(new { deployment_fail = new { code = "HEALTH_CONSTRAINTS", message = "The overall deployment failed because too many individual instances failed deployment" } });

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().StartWith("SC-AWS-0301").And.Contain("HEALTH_CONSTRAINTS").And.Contain("too many individual instances");
        var deleted = _aws.Tools.Of("autoscaling", "delete-auto-scaling-group").Single().Option("--auto-scaling-group-name");
        deleted.Should().StartWith("CodeDeploy_election-app-dg_d-");
        failure.Details.Should().Contain($"deleted green Auto Scaling group {deleted}");
        _aws.Tools.State["autoScalingGroups"]!.AsObject().Should().NotContainKey(deleted!);
    }

    [Fact]
    public async Task Ctrl_C_stops_the_deployment_so_codedeploy_rolls_back()
    {
        _aws.Tools.Control(new { deployment_stuck = true });
        using var cts = new CancellationTokenSource();

        var apply = _kind.ApplyAsync(Context(), cts.Token);
        await Stagecraft.TestSupport.Eventually.TrueAsync(() => _aws.Tools.Of("deploy", "get-deployment").Count >= 2, "the deployment to run", TimeSpan.FromSeconds(90));
        cts.Cancel();

        await apply.Invoking(a => a).Should().ThrowAsync<OperationCanceledException>();
        _aws.Tools.Of("deploy", "stop-deployment").Should().ContainSingle().Which.Args.Should().Contain("--auto-rollback-enabled");
    }

    [Fact]
    public async Task A_deployment_that_outlasts_the_timeout_is_stopped()
    {
        _aws.Tools.Control(new { deployment_stuck = true });
        var act = () => _kind.ApplyAsync(Context(timeout: "6s"), CancellationToken.None);
        (await act.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().StartWith("SC-AWS-0009");

        // On a slow machine the deadline may pass before the deployment exists; once it exists, it is stopped.
        _aws.Tools.Of("deploy", "stop-deployment").Should().HaveCount(_aws.Tools.Of("deploy", "create-deployment").Count, "a timed-out deployment is stopped too");
    }

    [Fact]
    public async Task Throttled_codedeploy_calls_are_retried()
    {
        _aws.Tools.Control(new { throttle = new Dictionary<string, int> { ["aws deploy get-deployment"] = 2 } });

        await _kind.ApplyAsync(Context(), CancellationToken.None);

        _aws.Tools.Of("deploy", "get-deployment").Count.Should().BeGreaterThanOrEqualTo(4);
    }
}
