using Stagecraft.Aws.Ami;
using Stagecraft.Aws.Ec2;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Kinds;

/// <summary>The ami kind's ready_when, share_with and base_image_filter against the EC2 double.</summary>
public sealed class AmiReadinessTests : IDisposable
{
    private readonly AwsHarness _aws = new("aws");
    private readonly AmiKind _kind = new();

    public void Dispose() => _aws.Dispose();

    private FakeEc2 Ec2 => _aws.Sdk.FakeEc2;

    private StageContext Context(Action<StageContextBuilder> more) => _aws.Context("batch-ami", b =>
    {
        b.Scalar("user_data", "#!/bin/bash\nyum install -y amazon-efs-utils\nshutdown -h now\n");
        more(b);
    }, "0123456789abcdef");

    private static ResolvedScalar S(string value) => new(value, false, SourceLocation.None);

    private static ResolvedMap M(params (string Key, ResolvedNode Value)[] entries) =>
        new(entries.Select(e => new KeyValuePair<string, ResolvedNode>(e.Key, e.Value)).ToList(), SourceLocation.None);

    private static ResolvedList L(params string[] items) => new(items.Select(i => (ResolvedNode)S(i)).ToList(), SourceLocation.None);

    private string LaunchedInstance() => Ec2.InstancePolls.Keys.Single();

    [Fact]
    public async Task Ready_when_stopped_launches_a_builder_that_stops_on_shutdown_and_images_it_only_once_stopped()
    {
        var apply = _kind.ApplyAsync(Context(b => b.Scalar("base_image", "ami-base").Scalar("ready_when", "stopped")), CancellationToken.None);

        // The double reports it running with both checks passed: that is not enough any more.
        await Eventually.TrueAsync(() => Ec2.InstancePolls.Values.Any(p => p > Ec2.PollsUntilReady + 2), "the builder to be polled while running");
        Ec2.Images.Should().BeEmpty("user data has not finished while the builder runs");
        Ec2.Launches.Single().StopOnShutdown.Should().BeTrue();

        Ec2.States[LaunchedInstance()] = "stopped";
        var outcome = (StageOutcome.Completed)await apply;

        Ec2.Images[outcome.Outputs["image_id"].Value].State.Should().Be("available");
        Ec2.Terminated.Should().ContainSingle();
        _aws.LogText.Should().Contain("has stopped: its user data has finished");
    }

    [Fact]
    public async Task Ready_when_stopped_fails_when_the_builder_is_terminated_instead()
    {
        var apply = _kind.ApplyAsync(Context(b => b.Scalar("base_image", "ami-base").Scalar("ready_when", "stopped")), CancellationToken.None);
        await Eventually.TrueAsync(() => !Ec2.InstancePolls.IsEmpty, "the launch");
        Ec2.States[LaunchedInstance()] = "terminated";

        var failure = (await apply.Invoking(a => a).Should().ThrowAsync<StageFailedException>()).Which;

        failure.Message.Should().StartWith("SC-AWS-0204").And.Contain("terminated instead of stopped");
        Ec2.Images.Should().BeEmpty();
    }

    [Fact]
    public async Task Ready_when_cloud_init_waits_for_cloud_inits_final_line_on_the_console()
    {
        var apply = _kind.ApplyAsync(Context(b => b.Scalar("base_image", "ami-base").Scalar("ready_when", "cloud_init")), CancellationToken.None);
        await Eventually.TrueAsync(() => Ec2.InstancePolls.Values.Any(p => p > 3), "the builder to be polled");
        Ec2.Consoles[LaunchedInstance()] = "Cloud-init v. 19.3-46.amzn2 running 'modules:final'\nInstalled: amazon-efs-utils\n";
        await Eventually.TrueAsync(() => Ec2.InstancePolls.Values.Any(p => p > 6), "more polls");
        Ec2.Images.Should().BeEmpty("cloud-init is still running the user data");

        Ec2.Consoles[LaunchedInstance()] += "Cloud-init v. 19.3-46.amzn2 finished at Thu, 03 Dec 2026 10:00:00 +0000. Datasource DataSourceEc2.  Up 52.1 seconds\n";
        var outcome = (StageOutcome.Completed)await apply;

        Ec2.Images.Should().ContainKey(outcome.Outputs["image_id"].Value);
        Ec2.Launches.Single().StopOnShutdown.Should().BeFalse();
    }

    [Fact]
    public async Task Ready_when_cloud_init_fails_with_the_console_tail_when_the_user_data_failed()
    {
        var apply = _kind.ApplyAsync(Context(b => b.Scalar("base_image", "ami-base").Scalar("ready_when", "cloud_init")), CancellationToken.None);
        await Eventually.TrueAsync(() => Ec2.InstancePolls.Values.Any(p => p > 3), "the builder to be polled");
        Ec2.Consoles[LaunchedInstance()] = "No package amazon-efs-utils available.\n[   40.1] cloud-init[2861]: util.py[WARNING]: Failed running /var/lib/cloud/instance/scripts/part-001 [1]\n"
            + "[   40.2] cloud-init[2861]: util.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)\n";

        var failure = (await apply.Invoking(a => a).Should().ThrowAsync<StageFailedException>()).Which;

        failure.Message.Should().Contain("the user data of builder instance").And.Contain("failed");
        failure.Details.Should().Contain("No package amazon-efs-utils available.");
        Ec2.Terminated.Should().ContainSingle();
    }

    [Fact]
    public async Task The_image_is_shared_with_the_accounts_and_the_organisation_on_every_run_also_when_reused()
    {
        var share = M(("accounts", L("111122223333", "444455556666")), ("organization_arn", S("arn:aws:organizations::123456789012:organization/o-abc123")));
        var first = (StageOutcome.Completed)await _kind.ApplyAsync(Context(b => b.Scalar("base_image", "ami-base").Node("share_with", share)), CancellationToken.None);
        await _kind.ApplyAsync(Context(b => b.Scalar("base_image", "ami-base").Node("share_with", share)), CancellationToken.None);

        Ec2.Shares.Should().HaveCount(2);
        Ec2.Shares.Should().OnlyContain(s => s.Image == first.Outputs["image_id"].Value && s.OrganizationArn == "arn:aws:organizations::123456789012:organization/o-abc123");
        Ec2.Shares.First().Accounts.Should().Equal("111122223333", "444455556666");
        Ec2.Launches.Should().ContainSingle("the second run reused the image");
    }

    [Fact]
    public async Task A_base_image_filter_boots_the_newest_match_and_names_the_image_after_it()
    {
        Ec2.Images["ami-old"] = new MachineImage(new ImageId("ami-old"), "amzn2-ami-ecs-hvm-2.0.20240101-x86_64-ebs", "available");
        Ec2.Images["ami-new"] = new MachineImage(new ImageId("ami-new"), "amzn2-ami-ecs-hvm-2.0.20241201-x86_64-ebs", "available");
        Ec2.Images["ami-arm"] = new MachineImage(new ImageId("ami-arm"), "amzn2-ami-ecs-hvm-2.0.20241215-arm64-ebs", "available");
        var filter = M(("name", S("amzn2-ami-ecs-hvm-*-x86_64-ebs")), ("owners", L("amazon")));

        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(b => b.Node("base_image_filter", filter)), CancellationToken.None);

        Ec2.Launches.Single().ImageId.Should().Be("ami-new");
        outcome.Outputs["base_image"].Value.Should().Be("ami-new");
        outcome.Outputs["image_name"].Value.Should().Be("demo-test-batch-ami-0123456789ab-ami-new");
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_fails_with_the_command_to_check_it()
    {
        var filter = M(("name", S("no-such-*")), ("owners", L("amazon")));

        var failure = (await _kind.Invoking(k => k.ApplyAsync(Context(b => b.Node("base_image_filter", filter)), CancellationToken.None)).Should().ThrowAsync<StageFailedException>()).Which;

        failure.Message.Should().Contain("no available image named 'no-such-*' owned by amazon");
        Ec2.Launches.Should().BeEmpty();
    }

    [Theory]
    [InlineData("base_image: ami-1\n    base_image_filter: { name: 'x-*' }", "sets both 'base_image' and 'base_image_filter'")]
    [InlineData("instance_type: t3.small", "has no base image")]
    [InlineData("base_image: ami-1\n    share_with: { }", "'share_with' of stage 'img' names nobody")]
    [InlineData("base_image: ami-1\n    ready_when: finished", "ready_when")]
    public void Invalid_settings_are_refused_at_validate(string settings, string message)
    {
        var parse = () => ProjectLoader.Parse($$"""
            project: demo
            environments:
              dev: { target: aws, region: eu-west-2 }
            stages:
              img:
                kind: ami
                {{settings}}
            """, "stagecraft.yml", _aws.Project.Path, StagecraftCatalog.Create());

        parse.Should().Throw<InvalidInputException>().Which.Diagnostics.Should().Contain(d => d.Message.Contains(message, StringComparison.Ordinal));
    }
}
