using Stagecraft.Aws.ImageBuilder;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Core.Kinds;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Kinds;

/// <summary>The imagebuilder kind through the aws CLI seam against the fake 'aws imagebuilder' (moto 5.2 has no Image Builder).</summary>
public sealed class ImageBuilderKindTests : IDisposable
{
    private const string Pipeline = "arn:aws:imagebuilder:eu-west-2:123456789012:image-pipeline/golden";
    private readonly AwsHarness _aws = new("aws");
    private readonly ImageBuilderKind _kind = new();

    public void Dispose() => _aws.Dispose();

    private StageContext Context() => _aws.Context("golden-ami", b => b.Scalar("pipeline_arn", Pipeline));

    [Fact]
    public async Task Runs_the_pipeline_waits_for_the_build_and_outputs_the_ami_of_the_environments_region()
    {
        _aws.Tools.Control(new { imagebuilder_regions = new[] { "us-east-1", "eu-west-2" } });

        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context(), CancellationToken.None);

        var start = _aws.Tools.Of("imagebuilder", "start-image-pipeline-execution").Single();
        start.Option("--image-pipeline-arn").Should().Be(Pipeline);
        start.Option("--client-token").Should().StartWith("sc-1-");
        outcome.Outputs["image_id"].Value.Should().StartWith("ami-euwest2");
        outcome.Outputs["image_build_version_arn"].Value.Should().Be("arn:aws:imagebuilder:eu-west-2:123456789012:image/golden/1.0.1/1");
        _aws.Tools.Of("imagebuilder", "get-image").Count.Should().BeGreaterThanOrEqualTo(4, "it waited through BUILDING, TESTING and DISTRIBUTING");
        (await _aws.State.GetStageDataAsync("golden-ami", ImageBuilderKind.BuildDataKey, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_failed_build_fails_the_stage_with_image_builders_reason()
    {
        _aws.Tools.Control(new { imagebuilder_fail = "Component build failed: yum install exited 1" });

        var failure = (await _kind.Invoking(k => k.ApplyAsync(Context(), CancellationToken.None)).Should().ThrowAsync<StageFailedException>()).Which;

        failure.Message.Should().StartWith("SC-AWS-0205").And.Contain("ended FAILED");
        failure.Details.Should().Contain("Component build failed: yum install exited 1");
    }

    [Fact]
    public async Task A_build_an_earlier_run_started_is_waited_for_instead_of_starting_another()
    {
        await _aws.State.SetStageDataAsync("golden-ami", ImageBuilderKind.BuildDataKey, "arn:aws:imagebuilder:eu-west-2:123456789012:image/golden/1.0.7/1", CancellationToken.None);
        _aws.Tools.Control(new { imagebuilder_regions = new[] { "eu-west-2" } });
        // The fake knows the build because it was started outside this run.
        (await _kind.Invoking(k => k.ApplyAsync(Context(), CancellationToken.None)).Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("does not exist");

        _aws.Tools.Of("imagebuilder", "start-image-pipeline-execution").Should().BeEmpty();
        _aws.LogText.Should().Contain("waiting for it instead of starting another");
    }

    [Fact]
    public async Task Ctrl_C_cancels_the_build()
    {
        _aws.Tools.Control(new { imagebuilder_stuck = true });
        using var cts = new CancellationTokenSource();

        var apply = _kind.ApplyAsync(Context(), cts.Token);
        await Eventually.TrueAsync(() => _aws.Tools.Of("imagebuilder", "get-image").Count > 0, TimeSpan.FromSeconds(60), "the build to be polled");
        cts.Cancel();

        await apply.Invoking(a => a).Should().ThrowAsync<OperationCanceledException>();
        var cancel = _aws.Tools.Of("imagebuilder", "cancel-image-creation").Single();
        cancel.Option("--image-build-version-arn").Should().Be(_aws.Tools.Of("imagebuilder", "get-image")[0].Option("--image-build-version-arn"));
    }

    [Fact]
    public async Task A_build_that_distributed_nothing_to_the_region_says_where_it_did()
    {
        _aws.Tools.Control(new { imagebuilder_regions = new[] { "us-east-1" } });

        var failure = (await _kind.Invoking(k => k.ApplyAsync(Context(), CancellationToken.None)).Should().ThrowAsync<StageFailedException>()).Which;

        failure.Message.Should().Contain("distributed no AMI to eu-west-2");
        failure.Details.Single().Should().StartWith("it distributed to: us-east-1 (ami-useast1");
    }
}
