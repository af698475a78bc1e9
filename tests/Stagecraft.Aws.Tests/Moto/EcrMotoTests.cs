using Stagecraft.Aws.Targets;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Aws.Tests.Moto;

/// <summary>
/// The docker kind's ECR calls (login password, the digest of a tag) through the real aws CLI v2
/// against moto. Docker itself (build, login, push) meets the double: moto's ECR hands out a
/// registry address it does not serve.
/// </summary>
public sealed class EcrMotoTests : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private const string Manifest = """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[]}""";

    private readonly MotoServer _moto;

    public EcrMotoTests(MotoFixture moto)
    {
        _moto = moto;
    }

    public Task InitializeAsync() => _moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_login_password_comes_from_ecr_and_a_pushed_tag_is_found_by_its_digest_and_a_missing_one_is_not()
    {
        await _moto.AwsAsync("ecr", "create-repository", "--repository-name", "jobs/ingest");
        await _moto.AwsAsync("ecr", "put-image", "--repository-name", "jobs/ingest", "--image-tag", "v1", "--image-manifest", Manifest);
        var expected = (await _moto.AwsAsync("ecr", "describe-images", "--repository-name", "jobs/ingest"))!.Value
            .GetProperty("imageDetails")[0].GetProperty("imageDigest").GetString();
        var aws = Connect();

        var password = await aws.Ecr.GetLoginPasswordAsync(CancellationToken.None);
        var digest = await aws.Ecr.FindDigestAsync("jobs/ingest", "v1", CancellationToken.None);
        var missing = await aws.Ecr.FindDigestAsync("jobs/ingest", "v2", CancellationToken.None);

        password.Should().NotBeNullOrWhiteSpace();
        digest.Should().Be(expected).And.StartWith("sha256:");
        missing.Should().BeNull();
    }

    private AwsEnvironment Connect()
    {
        var settings = new ConfigMap(
        [
            new ConfigEntry("region", SourceLocation.None, ConfigScalar.Synthetic(MotoServer.Region)),
            new ConfigEntry("endpoint_url", SourceLocation.None, ConfigScalar.Synthetic(_moto.EndpointUrl)),
        ], SourceLocation.None);
        var environment = new EnvironmentDefinition("moto", SourceLocation.None, TargetKind.Aws, settings, new Dictionary<string, VariableDefinition>(),
            StateSettings.Default(SourceLocation.None), null);
        return new AwsTarget(new AwsTargetOptions { ToolEnvironment = _moto.ToolEnvironment }).Connect(environment, TimeProvider.System, out _);
    }
}
