using System.Text.Json;
using System.Text.RegularExpressions;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Engine;

/// <summary>The verbs around deploy, as a user runs them: plan, targeted deploys, force, destroy, graph, history.</summary>
public sealed partial class CliVerbTests
{
    private const string Project = """
        project: verbs
        variables:
          greeting: hello
        stages:
          base:
            kind: command
            run: ["sh", "-c", "sh stage.sh base 0 && echo greeting=$G > $STAGECRAFT_OUTPUT"]
            env: { G: "${var.greeting}" }
            destroy: ["sh", "stage.sh", "destroy-base", "0"]
          app:
            kind: command
            run: ["sh", "stage.sh", "app", "0"]
            env: { FROM_BASE: "${stages.base.outputs.greeting}" }
            destroy: ["sh", "stage.sh", "destroy-app", "0"]
          guarded:
            kind: command
            protect: true
            run: ["sh", "stage.sh", "guarded", "0"]
            depends_on: [base]
        """;

    [Fact]
    public async Task Plan_detailed_exitcode_is_10_with_changes_and_0_without_and_json_lists_every_stage()
    {
        using var project = new TestProject();
        project.WriteProject(Project);

        var before = await project.RunAsync("plan", "--detailed-exitcode", "--json");
        before.ExitCode.Should().Be(10, before.ToString());
        var stages = JsonDocument.Parse(before.Output).RootElement.GetProperty("stages").EnumerateArray().ToList();
        stages.Select(s => s.GetProperty("action").GetString()).Should().Equal("create", "create", "create");
        Directory.Exists(Path.Combine(project.Path, ".stagecraft")).Should().BeFalse("plan must not create state");

        (await project.RunAsync("deploy")).ExitCode.Should().Be(0);
        var after = await project.RunAsync("plan", "--detailed-exitcode");
        after.ExitCode.Should().Be(0, after.ToString());
    }

    [Fact]
    public async Task Targeted_deploy_refuses_a_stale_dependency_and_include_dependencies_deploys_it()
    {
        using var project = new TestProject();
        project.WriteProject(Project);
        (await project.RunAsync("deploy")).ExitCode.Should().Be(0);
        project.WriteProject(Project.Replace("greeting: hello", "greeting: bonjour", StringComparison.Ordinal));

        var refused = await project.RunAsync("deploy", "app");
        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.Error.Should().Contain("cannot deploy 'app' on its own").And.Contain("base").And.Contain("variable greeting changed").And.Contain("--include-dependencies");

        File.Delete(project.LogPath);
        var included = await project.RunAsync("deploy", "app", "--include-dependencies");
        included.ExitCode.Should().Be(0, included.ToString());
        project.Log.Started.Should().Equal("base", "app");
    }

    [Fact]
    public async Task Force_redeploys_an_unchanged_stage()
    {
        using var project = new TestProject();
        project.WriteProject(Project);
        (await project.RunAsync("deploy")).ExitCode.Should().Be(0);
        File.Delete(project.LogPath);

        var forced = await project.RunAsync("deploy", "--force", "app");

        forced.ExitCode.Should().Be(0, forced.ToString());
        project.Log.Started.Should().Equal("app");
        forced.Output.Should().Contain("forced with --force");
    }

    [Fact]
    public async Task Destroy_runs_consumers_first_and_refuses_protected_stages_without_force()
    {
        using var project = new TestProject();
        project.WriteProject(Project);
        (await project.RunAsync("deploy")).ExitCode.Should().Be(0);

        var refused = await project.RunAsync("destroy", "--yes");
        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.Error.Should().Contain("protected").And.Contain("guarded");
        project.Log.Starts("destroy-base").Should().Be(0, "nothing is destroyed when a protected stage is in the set");

        var noYes = await project.RunAsync("destroy", "app");
        noYes.ExitCode.Should().Be(2);
        noYes.Error.Should().Contain("--yes");

        var destroyed = await project.RunAsync("destroy", "--yes", "--force");
        destroyed.ExitCode.Should().Be(0, destroyed.ToString());
        var log = project.Log.Intervals();
        log["destroy-app"].End.Should().BeLessThan(log["destroy-base"].Start, "app consumes base, so it goes first");
        var status = await project.RunAsync("status", "--json");
        JsonDocument.Parse(status.Output).RootElement.GetProperty("stages").EnumerateArray()
            .Select(s => s.GetProperty("status").GetString()).Should().AllBe("not deployed");
    }

    [Fact]
    public async Task Graph_history_show_and_outputs_describe_what_happened()
    {
        using var project = new TestProject();
        project.WriteProject(Project);
        var deploy = await project.RunAsync("deploy");
        deploy.ExitCode.Should().Be(0, deploy.ToString());
        deploy.Output.Split('\n').Where(l => l.Contains(": create started", StringComparison.Ordinal)).Should()
            .OnlyContain(l => Timestamped().IsMatch(l), "plain output lines carry a UTC timestamp");

        var mermaid = await project.RunAsync("graph", "--format", "mermaid");
        mermaid.Output.Should().StartWith("graph TD").And.Contain("-.->").And.Contain("-->");
        (await project.RunAsync("graph", "--format", "dot")).Output.Should().Contain("\"base\" -> \"app\"");
        (await project.RunAsync("history")).Output.Should().Contain("deploy").And.Contain("succeeded");
        var show = await project.RunAsync("show", "1", "--json");
        JsonDocument.Parse(show.Output).RootElement.GetProperty("stages").GetArrayLength().Should().Be(3);
        var outputs = await project.RunAsync("outputs", "base", "--json");
        JsonDocument.Parse(outputs.Output).RootElement.GetProperty("greeting").GetString().Should().Be("hello");
    }

    [Fact]
    public async Task On_a_terminal_running_stages_are_drawn_live_with_their_elapsed_time()
    {
        using var project = new TestProject();
        project.WriteProject("project: live\nstages:\n" + TestProject.Stage("slow", 1.0));
        var env = new Dictionary<string, string>(project.Environment) { ["TERM"] = "xterm-256color", ["CI"] = "" };
        env.Remove("NO_COLOR");

        // 'script' gives the CLI a pseudo-terminal, as an operator's shell would.
        var result = await CliProcess.RunRawAsync(project.Path, env, "script", "-qec", $"dotnet {CliProcess.CliPath} deploy --yes", "/dev/null");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Output.Should().Contain("\u001b[").And.Contain("slow");
        ElapsedTime().IsMatch(result.Output).Should().BeTrue("the live view shows how long the stage has been running");
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ")]
    private static partial Regex Timestamped();

    [GeneratedRegex(@"create \d+ms|create \d\.\ds")]
    private static partial Regex ElapsedTime();
}
