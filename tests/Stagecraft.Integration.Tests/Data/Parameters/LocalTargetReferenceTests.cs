using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Parameters;
using Stagecraft.Core.Planning;
using Stagecraft.Core.Secrets;
using Stagecraft.Core.Sessions;
using Stagecraft.Core.State;
using Stagecraft.Local.Kinds.Parameters;
using Stagecraft.Local.Targets;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data.Parameters;

/// <summary>${ssm:…} and ${secret:…} resolve through the real local target, and secure values come back masked.</summary>
public sealed class LocalTargetReferenceTests : IDisposable
{
    private readonly TempDirectory _project = new("stagecraft-refs");
    private readonly TempDirectory _keys = new("stagecraft-keys");
    private readonly ScriptedKind _fake = new("fake");
    private readonly Catalog _catalog;
    private readonly FakeHostInfo _host = new();

    public LocalTargetReferenceTests()
    {
        _catalog = new Catalog().Add(_fake).Add(new ParametersKind()).Add(new LocalTarget()).Add(new InMemoryBackend());
        _host.Environment["STAGECRAFT_KEY_DIR"] = _keys.Path;
    }

    [Fact]
    public async Task Parameters_published_by_a_stage_resolve_in_a_later_run_and_secure_ones_are_masked()
    {
        await using (var first = await OpenAsync("""
            project: demo
            stages:
              common:
                kind: parameters
                path: /demo/${environment}/common/
                values: { db_host: 10.0.0.5, token: tok-998877 }
                secure: [token]
            """))
        {
            (await DeployAsync(first)).Status.Should().Be(RunStatus.Succeeded);
        }

        await using var second = await OpenAsync("""
            project: demo
            stages:
              web:
                kind: fake
                value: "${ssm:/demo/local/common/db_host}"
                env: { TOKEN: "${ssm:/demo/local/common/token}" }
            """);
        (await DeployAsync(second)).Status.Should().Be(RunStatus.Succeeded);

        var settings = _fake.Applied.Single().Settings;
        settings.String("value").Should().Be("10.0.0.5");
        var token = settings.ScalarMap("env")!.Single().Value;
        token.Value.Should().Be("tok-998877");
        token.Sensitive.Should().BeTrue();
        second.Masker.Apply("Bearer tok-998877").Should().Be("Bearer ****");
    }

    [Fact]
    public async Task Secrets_resolve_sensitive_and_a_missing_one_is_a_located_error_with_a_hint()
    {
        await using var session = await OpenAsync("""
            project: demo
            stages:
              web:
                kind: fake
                value: "pw=${secret:db_password}"
                items: ["${secret:not_set}"]
            """);
        var store = (ISecretStore)session.Target.Services.GetService(typeof(ISecretStore))!;
        await store.SetAsync("db_password", "correct-horse", default);

        var act = () => session.PlanAsync(PlanOptions.All, default);

        var error = (await act.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Should().ContainSingle().Which;
        error.Message.Should().Contain("secret 'not_set' is not set for environment 'local'");
        error.Hint.Should().Contain("stagecraft secret set not_set -e local");
        error.Location.Line.Should().Be(6);
        session.Masker.Apply("pw=correct-horse").Should().Be("pw=****");
    }

    [Fact]
    public async Task A_missing_parameter_is_an_error_with_a_hint()
    {
        await using var session = await OpenAsync("""
            project: demo
            stages:
              web:
                kind: fake
                value: "${ssm:/demo/local/none}"
            """);

        var act = () => session.PlanAsync(PlanOptions.All, default);

        (await act.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("parameter '/demo/local/none' does not exist");
    }

    [Fact]
    public async Task The_local_target_provides_its_stores_to_kinds()
    {
        await using var session = await OpenAsync("project: demo\nstages:\n  web: { kind: fake }\n");

        session.Target.Services.GetService(typeof(IParameterStore)).Should().NotBeNull();
        session.Target.Services.GetService(typeof(ISecretStore)).Should().NotBeNull();
        session.Target.Services.GetService(typeof(IHostInfo)).Should().BeSameAs(_host);
    }

    public void Dispose()
    {
        _project.Dispose();
        _keys.Dispose();
    }

    private async Task<EnvironmentSession> OpenAsync(string yaml)
    {
        var project = ProjectLoader.Parse(yaml, Path.Combine(_project.Path, "stagecraft.yml"), _project.Path, _catalog);
        return await EnvironmentSession.OpenAsync(project, null, new SessionOptions(_catalog, _host, TimeProvider.System), default);
    }

    private async Task<Core.Engine.RunReport> DeployAsync(EnvironmentSession session)
    {
        var (plan, snapshot) = await session.PlanAsync(PlanOptions.All, default);
        return await new RunEngine(session, new RecordingObserver(), ScriptedInteraction.NoTerminal, _host).ExecuteAsync("deploy", plan, snapshot, new EngineOptions(), default);
    }
}
