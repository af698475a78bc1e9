using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.References;
using Stagecraft.Core.Sessions;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.References;

public sealed class ReferenceResolverTests
{
    private const string StageDir = "/work/project/.stagecraft/dev/stages/web";

    private const string Project = """
        project: shop
        variables:
          host: localhost
          app_port: 8080
          url: "http://${var.host}:${var.app_port}"
          db_url: "postgres://app:${secret:db_password}@db"
        environments:
          dev: { target: local }
          production:
            target: local
            variables: { app_port: 8001 }
        stages:
          common: { kind: fake }
          web:
            kind: fake
            value: placeholder
        """;

    private readonly TestCatalog _test = new();
    private readonly FakeHostInfo _host = new();

    private async Task<(ResolvedScalar Value, ReferenceResolver Resolver, EnvironmentSession Session)> ResolveAsync(
        string text, string environment = "dev", IOutputSource? outputs = null, bool quoted = true, bool insideStage = true)
    {
        var project = ProjectLoader.Parse(Project, "stagecraft.yml", "/work/project", _test.Catalog);
        var session = await EnvironmentSession.OpenAsync(project, environment, new SessionOptions(_test.Catalog, _host, TimeProvider.System), default);
        var resolver = new ReferenceResolver(session.Scope with { Outputs = outputs ?? new FakeOutputs(), StageDirectory = insideStage ? StageDir : null });
        var scalar = new ConfigScalar(text, new SourceLocation("stagecraft.yml", 7, 12), quoted);
        return (await resolver.ResolveScalarAsync(scalar, default), resolver, session);
    }

    [Fact]
    public async Task Variable_resolves_to_its_declared_value()
    {
        var (value, resolver, _) = await ResolveAsync("port ${var.app_port}");

        value.Value.Should().Be("port 8080");
        value.Sensitive.Should().BeFalse();
        resolver.HasErrors.Should().BeFalse();
        resolver.Trace.Values.Should().ContainKey("var.app_port").WhoseValue.Should().Be(new TracedValue("8080", false));
    }

    [Fact]
    public async Task Environment_override_replaces_the_declared_value()
    {
        var (value, _, _) = await ResolveAsync("${var.app_port}", environment: "production");

        value.Value.Should().Be("8001");
    }

    [Fact]
    public async Task Variables_may_use_other_variables_and_see_the_override()
    {
        var (value, _, _) = await ResolveAsync("${var.url}/health", environment: "production");

        value.Value.Should().Be("http://localhost:8001/health");
    }

    [Fact]
    public async Task Environment_and_project_resolve_to_their_names()
    {
        var (value, _, _) = await ResolveAsync("${project}-${environment}", environment: "production");

        value.Value.Should().Be("shop-production");
    }

    [Fact]
    public async Task Several_references_in_one_string_are_all_replaced()
    {
        var outputs = new FakeOutputs().Deployed("common", ("bucket", "b-123"));

        var (value, resolver, _) = await ResolveAsync("s3://${stages.common.outputs.bucket}/${project}/${environment}/${var.host}:${var.app_port}", outputs: outputs);

        value.Value.Should().Be("s3://b-123/shop/dev/localhost:8080");
        resolver.Trace.Values.Keys.Should().Equal("environment", "project", "stages.common.outputs.bucket", "var.app_port", "var.host");
    }

    [Fact]
    public async Task Known_output_resolves_to_its_value_and_is_traced()
    {
        var outputs = new FakeOutputs().Deployed("common", ("url", "http://common"));

        var (value, resolver, _) = await ResolveAsync("${stages.common.outputs.url}/api", outputs: outputs);

        value.Value.Should().Be("http://common/api");
        resolver.Trace.IsPending.Should().BeFalse();
        resolver.Trace.Values["stages.common.outputs.url"].Value.Should().Be("http://common");
    }

    [Fact]
    public async Task Pending_output_resolves_to_a_placeholder_and_marks_the_trace_pending()
    {
        var (value, resolver, _) = await ResolveAsync("${stages.common.outputs.url}/api");

        value.Value.Should().Be("(known after common deploys)/api");
        resolver.HasErrors.Should().BeFalse();
        resolver.Trace.IsPending.Should().BeTrue();
        resolver.Trace.PendingStages.Should().Equal("common");
        resolver.Trace.PendingReferences.Should().Equal("stages.common.outputs.url");
        resolver.Trace.Values.Should().NotContainKey("stages.common.outputs.url", "a value not known yet explains nothing");
    }

    [Fact]
    public async Task Missing_output_is_an_error_at_the_reference_with_did_you_mean()
    {
        var outputs = new FakeOutputs().Deployed("common", ("url", "http://common"), ("bucket", "b"));

        var (_, resolver, _) = await ResolveAsync("x ${stages.common.outputs.ulr}", outputs: outputs);

        resolver.Errors.Should().ContainSingle().Which.Should().Be(new Diagnostic(new SourceLocation("stagecraft.yml", 7, 15),
            "stage 'common' has no output 'ulr'", "did you mean 'url'?"));
        var report = () => resolver.ThrowIfErrors();
        report.Should().Throw<InvalidInputException>();
    }

    [Fact]
    public async Task Missing_output_of_a_stage_without_outputs_says_so()
    {
        var outputs = new FakeOutputs().Deployed("common");

        var (_, resolver, _) = await ResolveAsync("${stages.common.outputs.url}", outputs: outputs);

        resolver.Errors.Single().Hint.Should().Be("'common' produced no outputs");
    }

    [Fact]
    public async Task Stage_dir_resolves_to_the_stage_directory_and_is_not_traced()
    {
        var (value, resolver, _) = await ResolveAsync("${stage.dir}/out");

        value.Value.Should().Be(StageDir + "/out");
        resolver.Trace.Values.Should().BeEmpty();
    }

    [Fact]
    public async Task Stage_dir_outside_a_stage_is_an_error()
    {
        var (_, resolver, _) = await ResolveAsync("${stage.dir}/out", insideStage: false);

        resolver.Errors.Single().Message.Should().Be("${stage.dir} is only available inside a stage");
    }

    [Fact]
    public async Task Os_variable_resolves_from_the_process_environment()
    {
        _host.Environment["GIT_COMMIT"] = "abc123";

        var (value, _, _) = await ResolveAsync("rev-${os:GIT_COMMIT}");

        value.Value.Should().Be("rev-abc123");
        value.Sensitive.Should().BeFalse();
    }

    [Fact]
    public async Task Unset_os_variable_is_an_error_with_an_export_hint()
    {
        var (_, resolver, _) = await ResolveAsync("rev-${os:GIT_COMMIT}");

        resolver.Errors.Should().ContainSingle().Which.Should().Be(new Diagnostic(new SourceLocation("stagecraft.yml", 7, 17),
            "environment variable 'GIT_COMMIT' is not set", "export GIT_COMMIT before running stagecraft"));
    }

    [Fact]
    public async Task Parameter_resolves_from_the_targets_parameter_store()
    {
        _test.Local.Parameters["/shop/dev/efs"] = "fs-1";

        var (value, _, _) = await ResolveAsync("${ssm:/shop/dev/efs}");

        value.Value.Should().Be("fs-1");
    }

    [Fact]
    public async Task Missing_parameter_is_an_error_naming_the_path()
    {
        var (_, resolver, _) = await ResolveAsync("${ssm:/shop/dev/efs}");

        resolver.Errors.Single().Message.Should().Be("parameter '/shop/dev/efs' does not exist");
    }

    [Fact]
    public async Task Double_dollar_writes_a_literal_reference()
    {
        var (value, resolver, _) = await ResolveAsync("echo $${var.app_port} costs $5 and ${var.app_port}");

        value.Value.Should().Be("echo ${var.app_port} costs $5 and 8080");
        resolver.Trace.Values.Keys.Should().Equal("var.app_port");
    }

    [Fact]
    public async Task Secret_marks_the_value_sensitive_and_registers_it_with_the_masker()
    {
        _test.Local.Secrets["db_password"] = "hunter2-very-secret";

        var (value, resolver, session) = await ResolveAsync("pw=${secret:db_password}");

        value.Value.Should().Be("pw=hunter2-very-secret");
        value.Sensitive.Should().BeTrue();
        value.ToString().Should().Be("****");
        resolver.Trace.Values["secret:db_password"].Sensitive.Should().BeTrue();
        session.Masker.Apply("connecting with hunter2-very-secret now").Should().Be("connecting with **** now");
    }

    [Fact]
    public async Task Secret_inside_a_variable_makes_the_consumer_sensitive()
    {
        _test.Local.Secrets["db_password"] = "hunter2-very-secret";

        var (value, resolver, session) = await ResolveAsync("${var.db_url}");

        value.Value.Should().Be("postgres://app:hunter2-very-secret@db");
        value.Sensitive.Should().BeTrue();
        resolver.Trace.Values["var.db_url"].Sensitive.Should().BeTrue();
        session.Masker.Apply("postgres://app:hunter2-very-secret@db").Should().Be("postgres://app:****@db");
    }

    [Fact]
    public async Task Unset_secret_is_an_error_with_how_to_set_it()
    {
        var (_, resolver, _) = await ResolveAsync("${secret:db_password}");

        resolver.Errors.Single().Should().Be(new Diagnostic(new SourceLocation("stagecraft.yml", 7, 13),
            "secret 'db_password' is not set for environment 'dev'", "set it with: stagecraft secret set db_password -e dev"));
    }

    [Fact]
    public async Task Resolving_a_mapping_keeps_its_shape_and_order()
    {
        var project = ProjectLoader.Parse("""
            project: shop
            variables: { port: 80 }
            stages:
              web:
                kind: fake
                env: { B: "${var.port}", A: plain }
                items: ["${project}", x]
            """, "stagecraft.yml", "/work/project", _test.Catalog);
        await using var session = await EnvironmentSession.OpenAsync(project, null, new SessionOptions(_test.Catalog, _host, TimeProvider.System), default);
        var resolver = new ReferenceResolver(session.Scope with { Outputs = new FakeOutputs(), StageDirectory = StageDir });

        var settings = (ResolvedMap)await resolver.ResolveAsync(project.FindStage("web")!.Settings, default);

        settings.ScalarMap("env")!.Select(e => (e.Key, e.Value.Value)).Should().Equal(("B", "80"), ("A", "plain"));
        settings.StringList("items").Should().Equal("shop", "x");
    }

    [Fact]
    public async Task Secret_is_sensitive_even_when_the_target_does_not_flag_it()
    {
        var test = new TestCatalog();
        var careless = new CarelessTarget();
        test.Catalog.Add(careless);
        var project = ProjectLoader.Parse("""
            project: shop
            environments:
              dev: { target: careless }
            stages:
              web: { kind: fake }
            """, "stagecraft.yml", "/work/project", test.Catalog);
        await using var session = await EnvironmentSession.OpenAsync(project, null, new SessionOptions(test.Catalog, _host, TimeProvider.System), default);
        var resolver = new ReferenceResolver(session.Scope with { Outputs = new FakeOutputs(), StageDirectory = StageDir });

        var value = await resolver.ResolveScalarAsync(new ConfigScalar("${secret:api_key}", SourceLocation.None, true), default);

        value.Sensitive.Should().BeTrue();
        session.Masker.Apply("key: plain-text-key").Should().Be("key: ****");
    }

    private sealed class CarelessTarget : Core.Kinds.TargetDescriptor, IExternalValues
    {
        public override string Name => "careless";

        public override Core.Kinds.KindSchema Settings { get; } = new();

        public override Task<Core.Kinds.TargetRuntime> OpenAsync(Core.Kinds.TargetOpenContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new Core.Kinds.TargetRuntime(this, new Core.Kinds.SimpleServiceProvider()));

        public ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken) =>
            ValueTask.FromResult<ExternalValue?>(new ExternalValue("plain-text-key", Sensitive: false));
    }

    [Fact]
    public async Task A_secret_output_state_could_only_read_back_masked_is_an_error_not_the_text_of_the_mask()
    {
        var (_, resolver, _) = await ResolveAsync("${stages.common.outputs.token}", outputs: new FakeOutputs().DeployedSecret("common", "token", "****"));

        resolver.HasErrors.Should().BeTrue();
        resolver.Errors.Single().Message.Should().Contain("cannot be decrypted");
        resolver.Errors.Single().Hint.Should().Contain("STAGECRAFT_SECRET_KEY");
    }

    [Fact]
    public async Task A_readable_secret_output_resolves_and_stays_sensitive()
    {
        var (value, resolver, _) = await ResolveAsync("${stages.common.outputs.token}", outputs: new FakeOutputs().DeployedSecret("common", "token", "s3cr3t-value"));

        resolver.HasErrors.Should().BeFalse();
        value.Value.Should().Be("s3cr3t-value");
        value.Sensitive.Should().BeTrue();
    }
}
