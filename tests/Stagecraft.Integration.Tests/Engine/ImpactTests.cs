using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Engine;

/// <summary>A change redeploys exactly what it affects, judged by real outputs.</summary>
public sealed class ImpactTests
{
    // a → b consume a's output derived from var.a_val; c reads var.c_val but outputs a constant, d consumes it; e is unrelated.
    private static string Project(string aValue, string cValue) => $$"""
        project: impact
        variables:
          a_val: "{{aValue}}"
          c_val: "{{cValue}}"
        stages:
          a:
            kind: command
            run: ["sh", "-c", "sh stage.sh a 0 && echo value=$A > $STAGECRAFT_OUTPUT"]
            env: { A: "${var.a_val}" }
          b:
            kind: command
            run: ["sh", "stage.sh", "b", "0"]
            env: { FROM_A: "${stages.a.outputs.value}" }
          c:
            kind: command
            run: ["sh", "-c", "sh stage.sh c 0 && echo value=constant > $STAGECRAFT_OUTPUT"]
            env: { C: "${var.c_val}" }
          d:
            kind: command
            run: ["sh", "stage.sh", "d", "0"]
            env: { FROM_C: "${stages.c.outputs.value}" }
          e:
            kind: command
            run: ["sh", "stage.sh", "e", "0"]
        """;

    [Fact]
    public async Task Changing_a_variable_reruns_its_readers_and_the_consumers_of_changed_outputs_only()
    {
        using var project = new TestProject();
        project.WriteProject(Project("one", "x"));
        (await project.RunAsync("deploy")).ExitCode.Should().Be(0);
        File.Delete(project.LogPath);

        project.WriteProject(Project("two", "x"));
        var plan = await project.RunAsync("plan");
        plan.Output.Should().Contain("variable a_val changed: 'one' -> 'two'");
        plan.Output.Should().Contain("known after a deploys");
        var result = await project.RunAsync("deploy");

        result.ExitCode.Should().Be(0, result.ToString());
        project.Log.Started.Should().BeEquivalentTo("a", "b");
    }

    [Fact]
    public async Task An_upstream_redeploy_with_identical_outputs_skips_its_consumers()
    {
        using var project = new TestProject();
        project.WriteProject(Project("one", "x"));
        (await project.RunAsync("deploy")).ExitCode.Should().Be(0);
        File.Delete(project.LogPath);

        project.WriteProject(Project("one", "y"));
        var result = await project.RunAsync("deploy");

        result.ExitCode.Should().Be(0, result.ToString());
        project.Log.Started.Should().Equal("c");
        result.Output.Should().Contain("inputs unchanged after upstream deploys");
    }
}
