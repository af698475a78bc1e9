using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Engine;

/// <summary>What a failure stops, what --keep-going lets finish, and what the user is shown.</summary>
public sealed class FailureTests
{
    private const string Project = """
        project: failures
        stages:
          broken:
            kind: command
            run: ["sh", "-c", "for i in $(seq 1 30); do echo line $i; done; exit 3"]
          after-broken:
            kind: command
            run: ["sh", "stage.sh", "after-broken", "0"]
            depends_on: [broken]
          slow-sibling:
            kind: command
            run: ["sh", "stage.sh", "slow-sibling", "0", "start:go"]
          after-sibling:
            kind: command
            run: ["sh", "stage.sh", "after-sibling", "0"]
            depends_on: [slow-sibling]
        """;

    [Fact]
    public async Task A_failure_stops_its_dependents_and_nothing_new_starts()
    {
        using var project = new TestProject();
        project.WriteProject(Project);

        var result = await DeployReleasingTheSiblingAfterTheFailureAsync(project, "--parallelism", "2");

        result.ExitCode.Should().Be(1, result.ToString());
        project.Log.Starts("after-broken").Should().Be(0);
        project.Log.Starts("slow-sibling").Should().Be(1, "it was already running and finishes");
        project.Log.Starts("after-sibling").Should().Be(0, "no new stage starts after a failure");
        result.Output.Should().Contain("exited with code 3");
        result.Output.Should().Contain("line 30").And.Contain("line 11").And.NotContain("line 10\n");
    }

    [Fact]
    public async Task Keep_going_lets_independent_branches_finish()
    {
        using var project = new TestProject();
        project.WriteProject(Project);

        var result = await DeployReleasingTheSiblingAfterTheFailureAsync(project, "--parallelism", "2", "--keep-going");

        result.ExitCode.Should().Be(1, result.ToString());
        project.Log.Starts("after-broken").Should().Be(0);
        project.Log.Starts("after-sibling").Should().Be(1);
    }

    /// <summary>
    /// slow-sibling holds until the deploy has shown broken's failure, so the failure always comes first
    /// however the machine schedules the two.
    /// </summary>
    private static async Task<CliResult> DeployReleasingTheSiblingAfterTheFailureAsync(TestProject project, params string[] options)
    {
        using var cli = project.Start(["deploy", .. options]);
        await Eventually.TrueAsync(() => cli.Output.Contains("exited with code 3", StringComparison.Ordinal), "broken to fail", TimeSpan.FromSeconds(60));
        File.AppendAllText(project.LogPath, "start go 0\n");
        return await cli.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_missing_program_is_a_clear_error()
    {
        using var project = new TestProject();
        project.WriteProject("project: missing\nstages:\n  a:\n    kind: command\n    run: [\"no-such-program-xyz\", \"--flag\"]\n");

        var result = await project.RunAsync("deploy");

        result.ExitCode.Should().Be(1);
        result.All.Should().Contain("no-such-program-xyz").And.Contain("not found");
        result.All.Should().NotContain("   at ");
    }

    [Fact]
    public async Task Invalid_input_exits_2_and_creates_nothing()
    {
        using var project = new TestProject();
        project.WriteProject("project: bad\nstages:\n  a:\n    kind: comand\n    run: [\"true\"]\n");

        var result = await project.RunAsync("deploy");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("stagecraft.yml:4:11").And.Contain("did you mean 'command'?");
        Directory.Exists(System.IO.Path.Combine(project.Path, ".stagecraft")).Should().BeFalse();
    }
}
