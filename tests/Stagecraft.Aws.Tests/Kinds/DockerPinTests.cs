using Stagecraft.Aws.Docker;
using Stagecraft.Aws.Tests.Support;
using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Kinds;

/// <summary>The docker kind's pin mode against a real registry (docker-registry on 127.0.0.1) through the real skopeo.</summary>
public sealed class DockerPinTests : IClassFixture<LocalRegistry>, IDisposable
{
    private readonly LocalRegistry _registry;
    private readonly TempDirectory _project = new("stagecraft-pin");
    private readonly MemoryStageLog _log = new();
    private readonly DockerKind _kind = new();

    public DockerPinTests(LocalRegistry registry)
    {
        _registry = registry;
    }

    public void Dispose() => _project.Dispose();

    private StageContext Context(string repository, string tag, StageRecord? previous = null)
    {
        var builder = new StageContextBuilder(_project.Path) { Stage = "image-ingest", Log = _log, Previous = previous };
        builder.Scalar("repository", $"{_registry.Host}/{repository}").Scalar("pin", tag).Scalar("tls_verify", "false");
        return builder.Build();
    }

    [Fact]
    public async Task A_published_tag_is_pinned_to_the_digest_the_registry_serves_without_building_anything()
    {
        var served = await _registry.PushAsync("jobs/ingest", "1.4.2", "ingest 1.4.2");

        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context("jobs/ingest", "1.4.2"), CancellationToken.None);

        outcome.Outputs["digest"].Value.Should().Be(served);
        outcome.Outputs["image"].Value.Should().Be($"{_registry.Host}/jobs/ingest@{served}");
        outcome.Outputs["uri"].Value.Should().Be($"{_registry.Host}/jobs/ingest:1.4.2");
        outcome.Outputs["tag"].Value.Should().Be("1.4.2");
        string.Join("\n", _log.Lines).Should().Contain($"is {served}: pinned").And.NotContain("docker build");
    }

    [Fact]
    public async Task A_tag_pushed_over_afterwards_is_drift_and_the_next_deploy_pins_the_new_digest()
    {
        var first = await _registry.PushAsync("jobs/tiles", "2.0", "tiles 2.0");
        var outcome = (StageOutcome.Completed)await _kind.ApplyAsync(Context("jobs/tiles", "2.0"), CancellationToken.None);
        var recorded = new StageRecord("image-ingest", "docker", StageStatus.Deployed, "fp", null, outcome.Outputs, [], null, false, 1, DateTimeOffset.UnixEpoch, null);
        (await _kind.CheckDriftAsync(Context("jobs/tiles", "2.0", recorded), CancellationToken.None)).Should().Be(DriftResult.Same);

        var second = await _registry.PushAsync("jobs/tiles", "2.0", "tiles 2.0, rebuilt");
        var drift = await _kind.CheckDriftAsync(Context("jobs/tiles", "2.0", recorded), CancellationToken.None);
        var again = (StageOutcome.Completed)await _kind.ApplyAsync(Context("jobs/tiles", "2.0"), CancellationToken.None);

        second.Should().NotBe(first);
        drift.Should().BeOfType<DriftResult.Drifted>().Which.Differences.Single().Should().Contain($"now names {second}").And.Contain($"pinned to {first}");
        again.Outputs["digest"].Value.Should().Be(second);
    }

    [Fact]
    public async Task A_tag_the_registry_does_not_have_fails_the_stage_and_is_gone_for_drift()
    {
        await _registry.PushAsync("jobs/analysis", "0.9", "analysis 0.9");

        var failure = (await _kind.Invoking(k => k.ApplyAsync(Context("jobs/analysis", "1.0"), CancellationToken.None)).Should().ThrowAsync<StageFailedException>()).Which;
        var recorded = new StageRecord("image-ingest", "docker", StageStatus.Deployed, "fp", null,
            new Dictionary<string, OutputValue> { ["tag"] = new("1.0"), ["digest"] = new("sha256:" + new string('0', 64)) }, [], null, false, 1, DateTimeOffset.UnixEpoch, null);
        var drift = await _kind.CheckDriftAsync(Context("jobs/analysis", "1.0", recorded), CancellationToken.None);

        failure.Message.Should().Be($"{_registry.Host}/jobs/analysis:1.0 is not in the registry");
        drift.Should().BeOfType<DriftResult.Gone>();
    }

    [Theory]
    [InlineData("context: images\n    pin: '1.0'", "sets both 'context' (build) and 'pin'")]
    [InlineData("build_args: { A: b }", "has neither 'context' nor 'pin'")]
    [InlineData("pin: '1.0'\n    build_args: { A: b }", "'build_args' of stage 'img' is for building, and 'pin' builds nothing")]
    public void Mixing_the_modes_is_refused_at_validate(string settings, string message)
    {
        _project.Write("images/Dockerfile", "FROM scratch\n");
        var parse = () => ProjectLoader.Parse($$"""
            project: demo
            stages:
              img:
                kind: docker
                repository: example.org/jobs/img
                {{settings}}
            """, "stagecraft.yml", _project.Path, StagecraftCatalog.Create());

        parse.Should().Throw<InvalidInputException>().Which.Diagnostics.Should().Contain(d => d.Message.Contains(message, StringComparison.Ordinal));
    }
}
