using System.Text.Json;

using Stagecraft.TestSupport;
using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>The ami kind through the real EC2 SDK client against moto: launch, wait, image, terminate, reuse, deregister.</summary>
public sealed class AmiMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime, IDisposable
{
    private readonly MotoServer _moto;
    private readonly MotoProject _project;

    public AmiMotoTests(MotoFixture moto)
    {
        _moto = moto;
        _project = new MotoProject(moto);
        _project.Write("stagecraft.yml", """
            project: demo
            environments:
              moto:
                target: aws
                region: eu-west-2
                endpoint_url: {moto}
            stages:
              worker-ami:
                kind: ami
                base_image: "${ssm:/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id}"
                instance_type: t3.small
                user_data: |
                  #!/bin/bash
                  echo ready > /etc/worker
            """);
    }

    public Task InitializeAsync() => _moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task An_image_is_built_from_the_public_ecs_parameter_its_builder_terminated_and_reused_by_name()
    {
        await _project.SucceedsAsync("deploy", "-e", "moto");

        var images = await OwnImagesAsync();
        images.Should().ContainSingle();
        var image = images[0];
        image.GetProperty("State").GetString().Should().Be("available");
        var name = image.GetProperty("Name").GetString()!;
        var outputs = await _project.SucceedsAsync("outputs", "worker-ami", "-e", "moto");
        outputs.Output.Should().Contain(image.GetProperty("ImageId").GetString()!);

        var builders = await BuildersAsync(name);
        builders.Should().ContainSingle("one builder was launched");
        builders[0].Should().Be("terminated", "the builder is always terminated");
        var log = _project.StageLog("moto", "worker-ami");
        var baseImage = (await _moto.AwsAsync("ssm", "get-parameter", "--name", "/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id"))!
            .Value.GetProperty("Parameter").GetProperty("Value").GetString()!;
        log.Should().Contain($"from {baseImage}").And.Contain("passed both status checks");

        await _project.SucceedsAsync("deploy", "-e", "moto", "--force", "worker-ami");

        _project.StageLog("moto", "worker-ami").Should().Contain("already exists: reusing it");
        (await OwnImagesAsync()).Should().ContainSingle();
        (await BuildersAsync(name)).Should().ContainSingle("an image of that name is reused, not built again");
    }

    [Fact]
    public async Task Destroy_deregisters_the_image()
    {
        await _project.SucceedsAsync("deploy", "-e", "moto");

        await _project.SucceedsAsync("destroy", "-e", "moto", "--yes");

        (await OwnImagesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Ready_when_stopped_images_the_builder_only_after_it_stopped_then_shares_it_and_a_filter_picks_the_base()
    {
        // moto never runs user data: the test does what its last line, 'shutdown -h now', would.
        _project.Write("stagecraft.yml", """
            project: demo
            environments:
              moto:
                target: aws
                region: eu-west-2
                endpoint_url: {moto}
            stages:
              worker-ami:
                kind: ami
                base_image_filter: { name: "amzn2-ami-hvm-*-x86_64-gp2", owners: [amazon] }
                ready_when: stopped
                share_with: { accounts: ["111122223333"], organization_arn: "arn:aws:organizations::123456789012:organization/o-abc123def4" }
                user_data: |
                  #!/bin/bash
                  echo ready > /etc/worker
                  shutdown -h now
            """);
        var deploy = _project.RunAsync("deploy", "-e", "moto");
        string? builder = null;
        await Eventually.TrueAsync(async () => (builder = await MotoBuilders.RunningAsync(_moto, "worker-ami")) is not null, TimeSpan.FromSeconds(60), "the builder to run");
        (await OwnImagesAsync()).Should().BeEmpty("the image waits for the builder to stop");

        await _moto.AwsAsync("ec2", "stop-instances", "--instance-ids", builder!);
        var result = await deploy;

        result.ExitCode.Should().Be(0, result.ToString());
        var image = (await OwnImagesAsync()).Should().ContainSingle().Subject;
        image.GetProperty("Name").GetString().Should().EndWith("-ami-04681a1dbd79675a5", "the filter chose moto's only amzn2 hvm gp2 image");
        var imageId = image.GetProperty("ImageId").GetString()!;
        var permissions = (await _moto.AwsAsync("ec2", "describe-image-attribute", "--image-id", imageId, "--attribute", "launchPermission"))!.Value
            .GetProperty("LaunchPermissions").EnumerateArray().Select(p => p.ToString()).ToList();
        permissions.Should().Contain(p => p.Contains("111122223333", StringComparison.Ordinal));
        permissions.Should().Contain(p => p.Contains("o-abc123def4", StringComparison.Ordinal));
        _project.StageLog("moto", "worker-ami").Should().Contain("has stopped: its user data has finished").And.Contain("terminated builder instance " + builder);
    }

    private async Task<List<JsonElement>> OwnImagesAsync() =>
        (await _moto.AwsAsync("ec2", "describe-images", "--owners", "self"))!.Value.GetProperty("Images").EnumerateArray().ToList();

    private async Task<List<string?>> BuildersAsync(string imageName) =>
        (await _moto.AwsAsync("ec2", "describe-instances", "--filters", $"Name=tag:Name,Values={imageName}-builder"))!.Value.GetProperty("Reservations").EnumerateArray()
            .SelectMany(r => r.GetProperty("Instances").EnumerateArray()).Select(i => i.GetProperty("State").GetProperty("Name").GetString()).ToList();
}
