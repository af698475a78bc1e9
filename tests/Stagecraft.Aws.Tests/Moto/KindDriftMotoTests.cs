using Stagecraft.Aws.CodeDeploy;
using Stagecraft.Aws.Docker;
using Stagecraft.Aws.Targets;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;
using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// The drift checks of the kinds that cannot be deployed against moto (docker needs a registry moto
/// does not serve; moto's CodeDeploy deployments never finish), called with a recorded deployment
/// against what is really in moto, changed or removed with the aws CLI.
/// </summary>
public sealed class KindDriftMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime, IDisposable
{
    private const string Repository = "123456789012.dkr.ecr.eu-west-2.amazonaws.com/jobs/ingest";
    private const string FirstManifest = """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":100,"digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111"}]}""";
    private const string SecondManifest = """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7024,"digest":"sha256:c6c3c3c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc8"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":100,"digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222"}]}""";

    private readonly MotoServer _moto;
    private readonly TempDirectory _project = new("stagecraft-moto-drift");

    public KindDriftMotoTests(MotoFixture moto)
    {
        _moto = moto;
    }

    public Task InitializeAsync() => _moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task An_ecr_tag_pushed_over_is_drifted_and_a_deleted_one_gone()
    {
        await _moto.AwsAsync("ecr", "create-repository", "--repository-name", "jobs/ingest");
        await _moto.AwsAsync("ecr", "put-image", "--repository-name", "jobs/ingest", "--image-tag", "abc123", "--image-manifest", FirstManifest);
        var recorded = await DigestAsync();
        var context = Context("image", b => b.Scalar("repository", Repository).Scalar("context", "."), Deployed("docker", ("tag", "abc123"), ("digest", recorded)));

        (await new DockerKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.InSync>();

        await _moto.AwsAsync("ecr", "put-image", "--repository-name", "jobs/ingest", "--image-tag", "abc123", "--image-manifest", SecondManifest);
        var pushedOver = await DigestAsync();
        pushedOver.Should().NotBe(recorded, "moto digests a manifest by its layers, and the second has another layer");
        var drifted = (await new DockerKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Drifted>().Subject;
        drifted.Differences.Single().Should().Be($"{Repository}:abc123 is {pushedOver}, state recorded {recorded}");
        drifted.Unrepairable.Should().Contain("delete the tag");

        await _moto.AwsAsync("ecr", "batch-delete-image", "--repository-name", "jobs/ingest", "--image-ids", "imageTag=abc123");
        (await new DockerKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Gone>()
            .Which.What.Should().Be($"{Repository}:abc123 is not in the registry");
    }

    [Fact]
    public async Task A_codedeploy_application_or_group_that_does_not_exist_is_gone()
    {
        var context = Context("release", b => b.Scalar("application", "demo-web").Scalar("deployment_group", "demo-web-moto"), Deployed("codedeploy", ("deployment_id", "d-RECORDED1")));

        (await new CodeDeployKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Gone>()
            .Which.What.Should().Be("deployment group demo-web/demo-web-moto does not exist");

        await _moto.AwsAsync("deploy", "create-application", "--application-name", "demo-web");
        (await new CodeDeployKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Gone>("the application exists, its group does not");

        // Moto is not CodeDeploy here: its GetDeploymentGroup always answers an empty lastSuccessfulDeployment
        // (and its deployments never succeed), so a group that exists is seen with no successful deployment.
        // A last success that is another deployment is covered by the double (Kinds/DriftCheckTests).
        await _moto.AwsAsync("deploy", "create-deployment-group", "--application-name", "demo-web", "--deployment-group-name", "demo-web-moto",
            "--service-role-arn", "arn:aws:iam::123456789012:role/codedeploy");
        (await new CodeDeployKind().CheckDriftAsync(context, CancellationToken.None)).Should().BeOfType<DriftResult.Drifted>()
            .Which.Differences.Single().Should().Be("deployment group demo-web/demo-web-moto has no successful deployment (state recorded d-RECORDED1)");
    }

    private async Task<string> DigestAsync() =>
        (await _moto.AwsAsync("ecr", "describe-images", "--repository-name", "jobs/ingest", "--image-ids", "imageTag=abc123"))!.Value
            .GetProperty("imageDetails")[0].GetProperty("imageDigest").GetString()!;

    private static StageRecord Deployed(string kind, params (string Key, string Value)[] outputs) =>
        new("s", kind, StageStatus.Deployed, "fp", null, outputs.ToDictionary(o => o.Key, o => new OutputValue(o.Value)), [], null, false, 1, DateTimeOffset.UnixEpoch, null);

    private StageContext Context(string stage, Action<StageContextBuilder> settings, StageRecord previous)
    {
        var builder = new StageContextBuilder(_project.Path) { Stage = stage, Project = "demo", Environment = "moto" };
        settings(builder);
        var built = builder.Build();
        var definition = new EnvironmentDefinition("moto", SourceLocation.None, TargetKind.Aws, new ConfigMap(
        [
            new ConfigEntry("region", SourceLocation.None, ConfigScalar.Synthetic(MotoServer.Region)),
            new ConfigEntry("endpoint_url", SourceLocation.None, ConfigScalar.Synthetic(_moto.EndpointUrl)),
        ], SourceLocation.None), new Dictionary<string, VariableDefinition>(), StateSettings.Default(SourceLocation.None), null);
        var aws = new AwsTarget(new AwsTargetOptions { ToolEnvironment = _moto.ToolEnvironment, RetryBaseDelay = TimeSpan.FromMilliseconds(50) })
            .Connect(definition, TimeProvider.System, out _);
        return new StageContext
        {
            Project = built.Project,
            Environment = definition,
            Stage = built.Stage,
            RunId = built.RunId,
            ProjectDirectory = built.ProjectDirectory,
            StageDirectory = built.StageDirectory,
            Settings = built.Settings,
            Previous = previous,
            Fingerprint = built.Fingerprint,
            Log = built.Log,
            Interaction = built.Interaction,
            State = built.State,
            Masker = built.Masker,
            Time = TimeProvider.System,
            Services = new SimpleServiceProvider().Add(aws),
        };
    }
}
