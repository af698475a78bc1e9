using Stagecraft.Core.Config;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Paths;
using Stagecraft.Core.Planning;
using Stagecraft.Core.Sessions;
using Stagecraft.Core.State;
using Stagecraft.Local.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.State;

public sealed class SqliteStateBackendTests
{
    private readonly ScriptedKind _fake = new("fake");
    private readonly TestTarget _target = new("local");
    private readonly Catalog _catalog;

    public SqliteStateBackendTests()
    {
        _catalog = new Catalog().Add(_fake).Add(_target).Add(new SqliteStateBackend());
    }

    [Fact]
    public async Task By_default_the_state_file_is_the_environments_db_under_dot_stagecraft()
    {
        using var project = new TempDirectory();
        await using var session = await OpenAsync(project, "");
        var store = session.State;

        store.Description.Should().Be("sqlite " + Path.Combine(".stagecraft", "local.db"));
        ((SqliteStateStore)store).FilePath.Should().Be(new StagecraftDirectories(project.Path, "local").DefaultStateFile);
    }

    [Fact]
    public async Task A_relative_path_setting_is_resolved_against_the_project_directory()
    {
        using var project = new TempDirectory();
        await using var session = await OpenAsync(project, "state: { backend: sqlite, path: state/dev.db }");
        var store = session.State;

        await store.BeginRunAsync(Samples.Run(), default);

        store.Description.Should().Be("sqlite " + Path.Combine("state", "dev.db"));
        File.Exists(project.Combine("state", "dev.db")).Should().BeTrue();
    }

    [Fact]
    public async Task Deploying_through_the_engine_persists_state_a_new_session_agrees_with()
    {
        using var project = new TempDirectory();
        _target.Secrets["db_password"] = "hunter2-hunter2";
        var definition = Parse(project, "", """
            stages:
              db:
                kind: fake
                value: "${secret:db_password}"
                produce: { url: "postgres://db" }
              app:
                kind: fake
                value: "${stages.db.outputs.url}/app"
            """);
        var host = new FakeHostInfo();

        await using (var session = await EnvironmentSession.OpenAsync(definition, null, new SessionOptions(_catalog, host, TimeProvider.System), default))
        {
            var (plan, snapshot) = await session.PlanAsync(PlanOptions.All, default);
            var report = await new RunEngine(session, new RecordingObserver(), ScriptedInteraction.NoTerminal, host).ExecuteAsync("deploy", plan, snapshot, new EngineOptions(), default);
            report.Status.Should().Be(RunStatus.Succeeded);
        }

        // A new session is a new store on the same file, as the next command would be: the secret's
        // HMAC only matches if the key the first run used is the one that was persisted.
        await using var next = await EnvironmentSession.OpenAsync(definition, null, new SessionOptions(_catalog, host, TimeProvider.System), default);
        var (second, state) = await next.PlanAsync(PlanOptions.All, default);
        second.Stages.Select(s => (s.Name, s.Action)).Should().Equal(("db", StageAction.NoChange), ("app", StageAction.NoChange));
        state.Find("app")!.Status.Should().Be(StageStatus.Deployed);
        (await next.State.ListRunsAsync(5, default)).Should().ContainSingle().Which.Status.Should().Be(RunStatus.Succeeded);
        (await next.State.ReadLockAsync(default)).Should().BeNull("the run released its lock");
        File.ReadAllBytes(project.Combine(".stagecraft", "local.db")).AsSpan().IndexOf("hunter2-hunter2"u8).Should().Be(-1);
    }

    private Task<EnvironmentSession> OpenAsync(TempDirectory project, string environmentState) =>
        EnvironmentSession.OpenAsync(Parse(project, environmentState, "stages:\n  a: { kind: fake }\n"), null, new SessionOptions(_catalog, new FakeHostInfo(), TimeProvider.System), default);

    private ProjectDefinition Parse(TempDirectory project, string environmentState, string stages)
    {
        var environments = environmentState.Length == 0 ? "" : $"environments:\n  local:\n    target: local\n    {environmentState}\n";
        return ProjectLoader.Parse($"project: demo\n{environments}{stages}", "stagecraft.yml", project.Path, _catalog);
    }
}
