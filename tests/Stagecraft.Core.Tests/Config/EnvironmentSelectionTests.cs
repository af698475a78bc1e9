using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.References;
using Stagecraft.Core.Sessions;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Config;

public sealed class EnvironmentSelectionTests : IDisposable
{
    private const string Project = """
        project: shop
        variables:
          state_dir: state
        environments:
          dev:
            target: local
            state: { backend: sqlite, path: "${var.state_dir}/${environment}-${os:USER}.db" }
          production:
            target: aws
            region: eu-west-2
        stages:
          web: { kind: fake }
          bucket: { kind: cloudy }
        """;

    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Environment_is_required_when_the_file_declares_several()
    {
        var select = () => EnvironmentSelector.Select(_harness.Parse(Project), null);

        var error = select.Should().Throw<InvalidInputException>().Which;
        error.Diagnostics.Single().Message.Should().Be("stagecraft.yml declares 2 environments; choose one");
        error.Diagnostics.Single().Hint.Should().Be("add -e ENV, one of: dev, production");
    }

    [Fact]
    public void Unknown_environment_is_refused_with_did_you_mean()
    {
        var select = () => EnvironmentSelector.Select(_harness.Parse(Project), "prodution");

        select.Should().Throw<InvalidInputException>().Which.Diagnostics.Single().Hint.Should().Be("did you mean 'production'?");
    }

    [Fact]
    public void Only_environment_is_chosen_without_asking()
    {
        var project = _harness.Parse("""
            project: shop
            stages:
              web: { kind: fake }
            """);

        EnvironmentSelector.Select(project, null).Name.Should().Be("local");
    }

    [Fact]
    public async Task Stage_of_a_kind_the_target_cannot_run_is_refused_at_its_kind()
    {
        _harness.Host.Environment["USER"] = "ci";

        var open = () => _harness.OpenAsync(Project, "dev");

        var diagnostic = (await open.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Single();
        diagnostic.Message.Should().Be("stage 'bucket' (kind cloudy) cannot run on target 'local' of environment 'dev'");
        diagnostic.Hint.Should().Be("kind cloudy runs on: aws");
        (diagnostic.Location.Line, diagnostic.Location.Column).Should().Be((13, 19));
    }

    [Fact]
    public async Task Environment_overrides_apply_to_the_session()
    {
        var project = """
            project: shop
            variables: { port: 80 }
            environments:
              a: { target: local }
              b: { target: local, variables: { port: 81 } }
            stages:
              web: { kind: fake }
            """;

        await using var a = await _harness.OpenAsync(project, "a");
        await using var b = await _harness.OpenAsync(project, "b");

        a.Scope.Variables["port"].Value.LiteralText.Should().Be("80");
        b.Scope.Variables["port"].Value.LiteralText.Should().Be("81");
        b.Scope.Environment.Should().Be("b");
    }

    [Fact]
    public async Task State_settings_resolve_variables_environment_and_os_values()
    {
        _harness.Host.Environment["USER"] = "ci";
        ResolvedMap? settings = null;
        var backend = new CapturingBackend(s => settings = s);
        _harness.Catalog.Add(backend);

        await using var session = await _harness.OpenAsync(Project.Replace("backend: sqlite", "backend: capture", StringComparison.Ordinal)
            .Replace("bucket: { kind: cloudy }", "", StringComparison.Ordinal), "dev");

        settings!.String("path").Should().Be("state/dev-ci.db");
    }

    [Fact]
    public async Task Secret_in_state_settings_is_refused()
    {
        var project = """
            project: shop
            environments:
              dev:
                target: local
                state: { backend: sqlite, path: "${secret:key}.db" }
            stages:
              web: { kind: fake }
            """;

        var open = () => _harness.OpenAsync(project, "dev");

        (await open.Should().ThrowAsync<InvalidInputException>()).Which.Diagnostics.Single().Message
            .Should().Be("cannot resolve '${secret:key}': parameter-store and secret references cannot be used in state settings");
    }

    private sealed class CapturingBackend : Core.State.StateBackend
    {
        private readonly Action<ResolvedMap> _capture;

        public CapturingBackend(Action<ResolvedMap> capture)
        {
            _capture = capture;
        }

        public override string Name => "capture";

        public override Core.Kinds.KindSchema Schema { get; } = new(new Core.Kinds.FieldSpec("path", Core.Kinds.FieldType.Path, "state file"));

        public override Core.State.IStateStore Open(Core.State.StateOpenContext context)
        {
            _capture(context.Settings);
            return new InMemoryStateStore();
        }
    }
}
