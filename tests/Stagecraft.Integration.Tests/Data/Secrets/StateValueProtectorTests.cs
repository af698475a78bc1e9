using Stagecraft.Local.Secrets;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data.Secrets;

public sealed class StateValueProtectorTests : IDisposable
{
    private readonly TempDirectory _project = new("stagecraft-protector");
    private readonly TempDirectory _keys = new("stagecraft-keys");

    [Fact]
    public void Protects_without_exposing_the_value_and_only_the_same_environment_key_opens_it()
    {
        var source = Source("local");
        source.LoadOrCreate();
        var protector = new StateValueProtector(source, "demo", "local");

        var sealedText = protector.Protect("db-pass-4471");

        sealedText.Should().StartWith("enc:v1:").And.NotContain("db-pass-4471");
        sealedText.Should().NotContain(Convert.ToBase64String("db-pass-4471"u8.ToArray()));
        protector.Unprotect(sealedText).Should().Be("db-pass-4471");
        var otherEnvironment = new StateValueProtector(Source("local"), "demo", "staging");
        var act = () => otherEnvironment.Unprotect(sealedText);
        act.Should().Throw<Core.Diagnostics.StagecraftException>().Which.Message.Should().Contain("cannot be decrypted");
    }

    [Fact]
    public async Task Sources_racing_to_create_the_key_all_end_with_the_one_key_on_disk()
    {
        using var start = new Barrier(8);
        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            var source = Source("local");
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            return source.LoadOrCreate();
        })));

        created.Count(c => c.Created).Should().Be(1);
        created.Select(c => c.Key.Id).Distinct().Should().ContainSingle();
        Source("local").TryLoad()!.Id.Should().Be(created[0].Key.Id, "the key on disk is the one every racer uses");
        Directory.GetFiles(_keys.Path, "*", SearchOption.AllDirectories).Should().NotContain(f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_key_it_fails_only_when_a_sensitive_value_is_met()
    {
        var protector = new StateValueProtector(Source("local"), "demo", "local");

        var act = () => protector.Protect("x-secret");

        act.Should().Throw<Core.Diagnostics.StagecraftException>().Which.Hint.Should().Contain("STAGECRAFT_SECRET_KEY");
    }

    [Fact]
    public void A_malformed_key_in_the_environment_variable_is_refused_without_echoing_it()
    {
        var source = new EnvironmentKeySource("demo", "local", _project.Path, name => name == EnvironmentKeySource.KeyVariable ? "not-base64-key-material" : null);

        var act = () => source.Load("test");

        act.Should().Throw<Core.Diagnostics.StagecraftException>().Which.Message.Should().Contain("does not hold a valid key").And.NotContain("not-base64-key-material");
    }

    public void Dispose()
    {
        _project.Dispose();
        _keys.Dispose();
    }

    private EnvironmentKeySource Source(string environment) =>
        new("demo", environment, _project.Path, name => name == EnvironmentKeySource.KeyDirectoryVariable ? _keys.Path : null);
}
