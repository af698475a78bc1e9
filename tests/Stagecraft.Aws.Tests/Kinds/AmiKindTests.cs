using Stagecraft.Aws.Ami;
using Stagecraft.Aws.Ec2;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Kinds;

namespace Stagecraft.Aws.Tests.Kinds;

public sealed class AmiKindTests : IDisposable
{
    private const string Name = "demo-test-batch-ami-0123456789ab";
    private readonly AwsHarness _aws = new("aws");
    private readonly AmiKind _kind = new();

    public void Dispose() => _aws.Dispose();

    private FakeEc2 Ec2 => _aws.Sdk.FakeEc2;

    private StageContext Context(string? timeout = null, string fingerprint = "0123456789abcdef") => _aws.Context("batch-ami", b =>
    {
        b.Scalar("base_image", "ami-0ecs0000000000001").Scalar("instance_type", "t3.small")
            .Scalar("user_data", "#!/bin/bash\nmount -t efs fs-1234:/ /mnt/efs\n").List("security_group_ids", "sg-1");
        if (timeout is not null)
        {
            b.Scalar("timeout", timeout);
        }
    }, fingerprint);

    [Fact]
    public async Task Builds_the_image_from_the_base_with_user_data_and_terminates_the_builder()
    {
        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        var launch = Ec2.Launches.Single();
        launch.ImageId.Should().Be("ami-0ecs0000000000001");
        launch.UserData.Should().Contain("mount -t efs fs-1234");
        outcome.Outputs["image_name"].Value.Should().Be(Name);
        Ec2.Images[outcome.Outputs["image_id"].Value].State.Should().Be("available");
        Ec2.Terminated.Should().ContainSingle();
        (await _aws.State.GetStageDataAsync("batch-ami", AmiBuilder.InstanceDataKey, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task An_image_with_the_fingerprints_name_is_reused_without_launching_anything()
    {
        Ec2.Images["ami-existing"] = new MachineImage(new ImageId("ami-existing"), Name, "available");

        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        outcome.Outputs["image_id"].Value.Should().Be("ami-existing");
        Ec2.Launches.Should().BeEmpty();
        _aws.LogText.Should().Contain("reusing it");
    }

    [Fact]
    public async Task A_changed_stage_builds_a_new_image_under_its_new_fingerprint()
    {
        var first = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);
        var second = (StageOutcome.Completed)await _kind.ApplyAsync(Context(fingerprint: "fedcba9876543210"), CancellationToken.None);

        second.Outputs["image_name"].Value.Should().Be("demo-test-batch-ami-fedcba987654");
        second.Outputs["image_id"].Value.Should().NotBe(first.Outputs["image_id"].Value);
        Ec2.Launches.Should().HaveCount(2);
        Ec2.Terminated.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_failed_image_fails_the_stage_and_still_terminates_the_builder()
    {
        Ec2.ImagesFail = true;

        var act = () => _kind.ApplyAsync(Context(), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().StartWith("SC-AWS-0204").And.Contain("failed");
        failure.Details.Should().Contain(d => d.Contains("snapshot failed", StringComparison.Ordinal));
        Ec2.Terminated.Should().ContainSingle();
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_for_status_checks_terminates_the_builder()
    {
        Ec2.NeverReady = true;
        using var cts = new CancellationTokenSource();

        var apply = _kind.ApplyAsync(Context(), cts.Token);
        await Ec2.WaitingForReady.Task.WaitAsync(TimeSpan.FromSeconds(90));
        cts.Cancel();

        await apply.Invoking(a => a).Should().ThrowAsync<OperationCanceledException>();
        Ec2.Terminated.Should().Equal(Ec2.InstancePolls.Keys);
    }

    [Fact]
    public async Task Ctrl_C_while_the_launch_is_in_flight_still_terminates_the_builder()
    {
        using var cts = new CancellationTokenSource();
        Ec2.OnLaunched = cts.Cancel;

        var act = () => _kind.ApplyAsync(Context(), cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Ec2.Launches.Should().ContainSingle();
        Ec2.Terminated.Should().Equal(Ec2.InstancePolls.Keys);
        (await _aws.State.GetStageDataAsync("batch-ami", AmiBuilder.InstanceDataKey, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_timeout_terminates_the_builder_and_says_what_it_waited_for()
    {
        Ec2.NeverReady = true;

        var act = () => _kind.ApplyAsync(Context("300ms"), CancellationToken.None);

        (await act.Should().ThrowAsync<StageFailedException>()).Which.Message.Should().StartWith("SC-AWS-0009").And.Contain(Name);
        Ec2.Terminated.Should().ContainSingle();
    }

    [Fact]
    public async Task A_builder_left_by_a_crashed_run_is_terminated_by_the_next_run()
    {
        await _aws.State.SetStageDataAsync("batch-ami", AmiBuilder.InstanceDataKey, "i-left-behind", CancellationToken.None);

        await _kind.ApplyAsync(Context(), CancellationToken.None);

        Ec2.Terminated.Should().StartWith("i-left-behind");
    }
}
