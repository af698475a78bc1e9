using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Config;

public sealed class ProjectLoaderTests
{
    private readonly TestCatalog _test = new();

    private ProjectDefinition Parse(string yaml) => ProjectLoader.Parse(yaml, "stagecraft.yml", "/work/project", _test.Catalog);

    [Fact]
    public void Valid_project_is_read_with_variables_environments_and_stages_in_file_order()
    {
        var project = Parse("""
            project: shop
            description: the shop
            variables:
              app_port: 8080
              db_file: data/app.db
            environments:
              local:
                target: local
              production:
                target: aws
                region: eu-west-2
                variables: { app_port: 8001 }
            stages:
              web:
                kind: fake
                depends_on: [schema]
                value: "127.0.0.1:${var.app_port}"
              schema:
                kind: fake
                value: "sqlite:${var.db_file}"
            """);

        project.Name.Should().Be("shop");
        project.Description.Should().Be("the shop");
        project.Directory.Should().Be("/work/project");
        project.Variables.Keys.Should().BeEquivalentTo("app_port", "db_file");
        project.Environments.Select(e => (e.Name, e.Target)).Should().Equal(("local", "local"), ("production", "aws"));
        project.FindEnvironment("production")!.TargetSetting("region").Should().Be("eu-west-2");
        project.FindEnvironment("production")!.Variables["app_port"].Value.LiteralText.Should().Be("8001");
        project.Stages.Select(s => s.Name).Should().Equal("web", "schema");
        project.FindStage("web")!.Upstream.Should().Equal("schema");
    }

    [Fact]
    public void Project_without_environments_gets_one_implicit_local_environment()
    {
        var project = Parse("""
            project: demo
            stages:
              a: { kind: fake }
            """);

        project.Environments.Should().ContainSingle().Which.Should().Match<EnvironmentDefinition>(e => e.Name == "local" && e.Target == TargetKind.Local && e.State.Backend == "sqlite");
    }

    [Fact]
    public void Depends_on_accepts_a_single_name()
    {
        var project = Parse("""
            project: demo
            stages:
              a: { kind: fake }
              b: { kind: fake, depends_on: a }
            """);

        project.FindStage("b")!.Dependencies.Should().ContainSingle().Which.Should().Be(new StageDependency("a", new SourceLocation("stagecraft.yml", 4, 32), Explicit: true));
    }

    [Fact]
    public void Output_references_become_implicit_dependencies_at_the_reference()
    {
        var project = Parse("""
            project: demo
            stages:
              a: { kind: fake }
              b:
                kind: fake
                value: "x=${stages.a.outputs.url}"
            """);

        project.FindStage("b")!.Dependencies.Should().Equal(new StageDependency("a", new SourceLocation("stagecraft.yml", 6, 15), Explicit: false));
    }

    [Fact]
    public void Yaml_merge_keys_copy_a_mapping_and_keys_written_beside_them_win()
    {
        var project = Parse("""
            project: demo
            stages:
              a: &defaults
                kind: fake
                value: base
                count: 1
              b:
                <<: *defaults
                value: own
            """);

        var b = project.FindStage("b")!;
        b.Kind.Should().Be("fake");
        b.Settings.Entries.Select(e => (e.Key, ((ConfigScalar)e.Value).Text)).Should().BeEquivalentTo(new[] { ("value", "own"), ("count", "1") });
    }

    [Fact]
    public void Empty_file_reports_missing_project_and_stages_together()
    {
        var parse = () => Parse("");

        parse.Should().Throw<InvalidInputException>().Which.Diagnostics.Select(d => d.Message)
            .Should().Equal("the project file is missing 'project'", "the project file has no 'stages'");
    }

    [Fact]
    public void Diagnostic_text_reads_file_line_column_error_and_hint()
    {
        var parse = () => Parse("""
            project: demo
            stges: {}
            """);

        var error = parse.Should().Throw<InvalidInputException>().Which;
        error.Diagnostics.Should().HaveCount(2);
        error.Diagnostics[1].ToString().Should().Be("stagecraft.yml:2:1: error: unknown key 'stges' in the project file\n  hint: did you mean 'stages'?");
        error.Message.Should().Contain("stagecraft.yml:2:1: error: unknown key 'stges'");
    }

    [Fact]
    public void Unknown_key_far_from_every_known_one_lists_the_valid_keys()
    {
        var parse = () => Parse("""
            project: demo
            stages:
              a: { kind: fake, zzzzzz: 1 }
            """);

        parse.Should().Throw<InvalidInputException>().Which.Diagnostics.Should().ContainSingle()
            .Which.Hint.Should().StartWith("valid keys: ").And.Contain("value").And.Contain("depends_on");
    }

    [Fact]
    public void References_are_not_checked_as_literals_before_they_resolve()
    {
        var project = Parse("""
            project: demo
            variables: { n: 3, slow: 5s }
            stages:
              a: { kind: fake, count: "${var.n}", delay: "${var.slow}", mode: "${var.n}" }
            """);

        project.FindStage("a")!.References.Select(r => r.Id).Should().Equal("var.n", "var.slow", "var.n");
    }

    [Fact]
    public void Stage_of_a_kind_that_cannot_run_on_the_target_is_still_a_valid_file()
    {
        // Whether 'cloudy' (aws only) can run is a property of the environment chosen, checked when a session opens.
        var project = Parse("""
            project: demo
            stages:
              a: { kind: cloudy }
            """);

        project.Stages.Should().ContainSingle();
    }

    [Fact]
    public void Loading_a_project_writes_nothing_to_disk()
    {
        using var directory = new TempDirectory();
        directory.Write("stagecraft.yml", """
            project: demo
            stages:
              a: { kind: fake, inputs: ["app/**"], value: "${stage.dir}/out" }
            """);
        directory.Write("app/main.txt", "hello");
        var before = Directory.GetFileSystemEntries(directory.Path, "*", SearchOption.AllDirectories).Order().ToList();

        var byDirectory = ProjectLoader.Load(directory.Path, _test.Catalog);
        var byFile = ProjectLoader.Load(directory.Combine("stagecraft.yml"), _test.Catalog);

        byDirectory.Stages.Should().ContainSingle();
        byFile.Directory.Should().Be(directory.Path);
        Directory.Exists(directory.Combine(".stagecraft")).Should().BeFalse();
        Directory.GetFileSystemEntries(directory.Path, "*", SearchOption.AllDirectories).Order().Should().Equal(before);
    }

    [Fact]
    public void Loading_a_missing_file_says_how_to_create_one()
    {
        using var directory = new TempDirectory();

        var load = () => ProjectLoader.Load(directory.Path, _test.Catalog);

        var error = load.Should().Throw<InvalidInputException>().Which;
        error.ExitCode.Should().Be(ExitCodes.InvalidInput);
        error.Message.Should().Contain("no project file at");
        error.Diagnostics.Single().Hint.Should().Contain("stagecraft init");
    }
}
