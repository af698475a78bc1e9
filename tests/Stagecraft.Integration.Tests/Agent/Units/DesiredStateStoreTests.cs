using Stagecraft.Integration.Tests.Data;
using Stagecraft.Local.Agent.Protocol;
using Stagecraft.Local.Agent.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Agent.Units;

/// <summary>The agent's persisted desired state keeps secret env values sealed on disk and whole in memory.</summary>
public sealed class DesiredStateStoreTests : IDisposable
{
    private const string Secret = "pg-pass-9931";
    private readonly TempDirectory _home = new("desired");

    private string StatePath => _home.Combine("desired-state.json");

    [Fact]
    public void Secret_env_values_are_sealed_in_the_file_and_come_back_after_a_restart()
    {
        var store = DesiredStateStore.Open(StatePath);
        store.Update(state => state.Services["svc/local/web"] = new ServiceState
        {
            Id = "svc/local/web",
            Releases = [new ReleaseRecord { Id = "r1", Revision = "abc", Spec = Spec() }],
        });

        var text = File.ReadAllText(StatePath);
        text.Should().NotContain(Secret).And.Contain("sealed:v1:").And.Contain("127.0.0.1", "only the secret values are sealed");
        store.Read(s => s.Services["svc/local/web"].Releases[0].Spec.Env["DB_PASSWORD"]).Should().Be(Secret, "the running agent keeps the value it starts services with");
        FileModes.Of(_home.Combine("agent.key")).Should().Be(FileModes.OwnerFile);

        var restarted = DesiredStateStore.Open(StatePath);

        restarted.Read(s => s.Services["svc/local/web"].Releases[0].Spec.Env).Should().Equal(Spec().Env);
    }

    [Fact]
    public void A_sealed_value_opens_only_for_the_variable_it_was_sealed_for()
    {
        DesiredStateStore.Open(StatePath).Update(state => state.Services["svc/local/web"] = new ServiceState
        {
            Id = "svc/local/web",
            Releases = [new ReleaseRecord { Id = "r1", Revision = "abc", Spec = Spec() }],
        });
        var text = File.ReadAllText(StatePath);
        var sealedPassword = System.Text.RegularExpressions.Regex.Match(text, "\"DB_PASSWORD\":\\s*\"(sealed:v1:[^\"]+)\"").Groups[1].Value;
        var sealedToken = System.Text.RegularExpressions.Regex.Match(text, "\"API_TOKEN\":\\s*\"(sealed:v1:[^\"]+)\"").Groups[1].Value;
        File.WriteAllText(StatePath, text.Replace(sealedToken, sealedPassword, StringComparison.Ordinal));

        var act = () => DesiredStateStore.Open(StatePath);

        act.Should().Throw<InvalidDataException>().Which.Message.Should().Contain("agent.key");
    }

    private static ServiceSpec Spec() => new()
    {
        Project = "svc",
        Environment = "local",
        Stage = "web",
        Revision = "/tmp/rev",
        Start = ["dotnet", "app.dll"],
        Listen = "127.0.0.1:8080",
        Env = new Dictionary<string, string> { ["DB_HOST"] = "127.0.0.1", ["DB_PASSWORD"] = Secret, ["API_TOKEN"] = "tok-77" },
        SensitiveEnv = ["DB_PASSWORD", "API_TOKEN"],
    };

    public void Dispose() => _home.Dispose();
}
