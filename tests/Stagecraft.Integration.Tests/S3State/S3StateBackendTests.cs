using Stagecraft.Aws.State;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Sessions;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>The 's3' backend's settings: required keys and bad values are errors at their place in the file.</summary>
public sealed class S3StateBackendTests
{
    private readonly Catalog _catalog = new Catalog().Add(new ScriptedKind("fake")).Add(new TestTarget("local")).Add(new S3StateBackend());

    [Fact]
    public void A_missing_bucket_is_an_error_at_the_state_setting_with_its_line()
    {
        var parse = () => Parse("state: { backend: s3, lock_table: locks }");

        var error = parse.Should().Throw<InvalidInputException>().Which;
        error.Diagnostics.Should().ContainSingle(d => d.Message.Contains("missing required setting 'bucket'"))
            .Which.Location.Should().Match<SourceLocation>(l => l.File == "stagecraft.yml" && l.Line == 5);
        error.Message.Should().StartWith("stagecraft.yml:5:");
    }

    [Fact]
    public void A_misspelt_setting_is_an_error_that_suggests_the_right_one()
    {
        var parse = () => Parse("state: { backend: s3, bucket: my-state, lock_tabel: locks }");

        var error = parse.Should().Throw<InvalidInputException>().Which;
        error.Message.Should().Contain("lock_tabel").And.Contain("lock_table");
    }

    [Theory]
    [InlineData("endpoint: \"localhost:9000\"", "'endpoint' ('localhost:9000') is not an http:// or https:// URL")]
    [InlineData("bucket: My_Bucket", "'bucket' ('My_Bucket') is not a valid bucket name")]
    [InlineData("lock_lease: 100ms", "'lock_lease' ('100ms') is too short")]
    public async Task A_bad_value_is_an_error_at_its_place_when_the_state_is_opened(string setting, string expected)
    {
        var bucket = setting.StartsWith("bucket", StringComparison.Ordinal) ? "" : "bucket: my-state, ";
        var project = Parse($"state: {{ backend: s3, {bucket}lock_table: locks, {setting} }}");

        var open = () => EnvironmentSession.OpenAsync(project, null, new SessionOptions(_catalog, new FakeHostInfo(), TimeProvider.System), default);

        var error = (await open.Should().ThrowAsync<InvalidInputException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.InvalidInput);
        error.Message.Should().StartWith("stagecraft.yml:5:").And.Contain(expected);
    }

    [Fact]
    public async Task The_state_lives_under_the_prefix_project_and_environment_and_defaults_apply()
    {
        var project = Parse("state: { backend: s3, bucket: my-state, lock_table: locks, region: eu-west-2, endpoint: \"http://127.0.0.1:1\" }");

        await using var session = await EnvironmentSession.OpenAsync(project, null, new SessionOptions(_catalog, new FakeHostInfo(), TimeProvider.System), default);

        session.State.Description.Should().Be("s3 s3://my-state/stagecraft/demo/local/ (lock: locks)");
        ((ILeasedLock)session.State).LockLease.Should().Be(TimeSpan.FromSeconds(60));
        session.State.Should().BeAssignableTo<IStateTransfer>().And.BeAssignableTo<IStateVersions>();
    }

    private ProjectDefinition Parse(string state) => ProjectLoader.Parse(
        $"project: demo\nenvironments:\n  local:\n    target: local\n    {state}\nstages:\n  a: {{ kind: fake }}\n", "stagecraft.yml", Path.GetTempPath(), _catalog);
}
