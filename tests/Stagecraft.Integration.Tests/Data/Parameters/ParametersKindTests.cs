using Stagecraft.Core.Parameters;
using Stagecraft.Core.Paths;
using Stagecraft.Core.Kinds;
using Stagecraft.Local.Files;
using Stagecraft.Local.Kinds.Parameters;
using Stagecraft.Local.Parameters;
using Stagecraft.Local.Secrets;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data.Parameters;

/// <summary>The parameters kind against the real local store: publish, update, remove what is no longer listed, destroy.</summary>
public sealed class ParametersKindTests : IDisposable
{
    private readonly TempDirectory _project = new("stagecraft-params");
    private readonly TempDirectory _keys = new("stagecraft-keys");
    private readonly KindHarness _harness;
    private readonly LocalParameterStore _store;

    public ParametersKindTests()
    {
        _harness = new KindHarness(_project.Path);
        var source = new EnvironmentKeySource("demo", "local", _project.Path, name => name == EnvironmentKeySource.KeyDirectoryVariable ? _keys.Path : null);
        _store = new LocalParameterStore(EnvironmentFiles.Parameters(new StagecraftDirectories(_project.Path, "local")), "demo", "local", source, TimeProvider.System);
        _harness.Services.Add<IParameterStore>(_store);
    }

    private string StoreFile => Path.Combine(_project.Path, ".stagecraft", "local.params.db");

    [Fact]
    public async Task Publishes_values_under_the_path_and_outputs_their_names()
    {
        var outputs = await _harness.ApplyAsync(new ParametersKind(), Publish(("db_host", "127.0.0.1", false), ("api_key", "k-123456", false)).List("secure", "api_key").Build());

        outputs.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["path"] = "/demo/local/common/",
            ["db_host"] = "/demo/local/common/db_host",
            ["api_key"] = "/demo/local/common/api_key",
        });
        (await _store.GetAsync("/demo/local/common/db_host", default)).Should().BeEquivalentTo(new { Value = "127.0.0.1", Secure = false });
        (await _store.GetAsync("/demo/local/common/api_key", default)).Should().BeEquivalentTo(new { Value = "k-123456", Secure = true });
        File.ReadAllText(StoreFile).Should().NotContain("k-123456", "secure values are encrypted at rest");
        FileModes.Of(StoreFile).Should().Be(FileModes.OwnerFile);
        _harness.Masker.Apply("key k-123456 in a later log line").Should().Be("key **** in a later log line", "a value made secure by 'secure:' is masked for the rest of the run");
    }

    [Fact]
    public async Task Values_from_secrets_are_stored_secure_and_never_logged()
    {
        await _harness.ApplyAsync(new ParametersKind(), Publish(("db_url", "postgres://app:s3cret-value@db/app", true)).Build());

        (await _store.GetAsync("/demo/local/common/db_url", default))!.Secure.Should().BeTrue();
        _harness.Log.Lines.Should().NotContain(l => l.Contains("s3cret-value", StringComparison.Ordinal));
        File.ReadAllText(StoreFile).Should().NotContain("s3cret-value");
    }

    [Fact]
    public async Task A_second_apply_updates_changed_values_and_removes_keys_no_longer_listed()
    {
        await _harness.ApplyAsync(new ParametersKind(), Publish(("a", "1", false), ("b", "2", false), ("c", "3", false)).Build());

        var outputs = await _harness.ApplyAsync(new ParametersKind(), Publish(("a", "1", false), ("b", "two", false), ("d", "4", false)).Build());

        outputs.Keys.Should().BeEquivalentTo("path", "a", "b", "d");
        (await _store.ListAsync("/demo/local/common", default)).Select(p => (p.Name, p.Value)).Should().Equal(
            ("/demo/local/common/a", "1"), ("/demo/local/common/b", "two"), ("/demo/local/common/d", "4"));
        _harness.Log.Lines.Should().Contain("unchanged /demo/local/common/a").And.Contain("removed /demo/local/common/c (no longer listed)");
    }

    [Fact]
    public async Task Moving_the_path_removes_what_was_published_under_the_old_one()
    {
        await _harness.ApplyAsync(new ParametersKind(), Publish(("a", "1", false)).Build());

        await _harness.ApplyAsync(new ParametersKind(), new Settings().Scalar("path", "/demo/local/moved/").Map("values", ("a", "1", false)).Build());

        (await _store.ListAsync("/", default)).Select(p => p.Name).Should().Equal("/demo/local/moved/a");
    }

    [Fact]
    public async Task An_unchanged_apply_writes_nothing()
    {
        await _harness.ApplyAsync(new ParametersKind(), Publish(("a", "1", false)).Build());
        var first = (await _store.GetAsync("/demo/local/common/a", default))!.UpdatedAt;

        await _harness.ApplyAsync(new ParametersKind(), Publish(("a", "1", false)).Build());

        (await _store.GetAsync("/demo/local/common/a", default))!.UpdatedAt.Should().Be(first);
    }

    [Fact]
    public async Task Destroy_deletes_what_the_stage_published_and_nothing_else()
    {
        await _store.PutAsync("/demo/local/common/other", "kept", false, default);
        var settings = Publish(("a", "1", false), ("b", "2", false)).Build();
        await _harness.ApplyAsync(new ParametersKind(), settings);

        await new ParametersKind().DestroyAsync(_harness.Context(settings), default);

        (await _store.ListAsync("/", default)).Select(p => p.Name).Should().Equal("/demo/local/common/other");
        (await _harness.State.GetStageDataAsync("step", "published", default)).Should().BeNull();
    }

    [Theory]
    [InlineData("demo/local/", "not an absolute prefix")]
    [InlineData("/demo/local", "not an absolute prefix")]
    [InlineData("/aws/x/", "not an absolute prefix")]
    public async Task A_bad_path_is_refused(string path, string message)
    {
        var act = () => _harness.ApplyAsync(new ParametersKind(), new Settings().Scalar("path", path).Map("values", ("a", "1", false)).Build());

        (await act.Should().ThrowAsync<Core.Diagnostics.StagecraftException>()).Which.Message.Should().Contain(message);
    }

    [Fact]
    public async Task A_secure_key_that_is_not_a_value_is_refused_with_a_suggestion()
    {
        var act = () => _harness.ApplyAsync(new ParametersKind(), Publish(("api_key", "x", false)).List("secure", "api_kye").Build());

        (await act.Should().ThrowAsync<Core.Diagnostics.StagecraftException>()).Which.Hint.Should().Contain("did you mean 'api_key'");
    }

    public void Dispose()
    {
        _project.Dispose();
        _keys.Dispose();
    }

    private static Settings Publish(params (string Key, string Value, bool Sensitive)[] values) =>
        new Settings().Scalar("path", "/demo/local/common/").Map("values", values);
}
