using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Engine;

/// <summary>After kill -9 of the CLI, a stage's process (in its own session) must not run beside its rerun.</summary>
public sealed class LeftoverProcessTests
{
    // The stage sleeps for as long as the file 'delay' says: long while the first CLI is killed, short for the rerun.
    // It reads the file before it writes its start marker, so the test's later "0" never shortens the first run's sleep.
    private const string Project = """
        project: leftover
        stages:
          migrate:
            kind: command
            run: ["sh", "-c", "d=$(cat delay); echo start $$ >> ran.log; sleep $d; echo end $$ >> ran.log"]
        """;

    [Fact]
    public async Task The_run_taking_over_ends_the_crashed_runs_stage_process_first_and_says_so()
    {
        using var project = new TestProject();
        project.WriteProject(Project);
        project.Write("delay", "120");
        var ranLog = Path.Combine(project.Path, "ran.log");
        int orphan;
        using (var first = project.Start("deploy"))
        {
            await Eventually.TrueAsync(() => Markers(ranLog).Count > 0, "the stage to start", TimeSpan.FromSeconds(60));
            orphan = int.Parse(Markers(ranLog)[0].Split(' ')[1]);
            first.Signal(Posix.SigKill);
            await first.WaitAsync(TimeSpan.FromSeconds(10));
        }

        Posix.IsAlive(orphan).Should().BeTrue("the stage runs in its own session, so killing the CLI leaves it running");
        project.Write("delay", "0");

        var rerun = await project.RunAsync("deploy");

        rerun.ExitCode.Should().Be(0, rerun.ToString());
        var notice = $"ended 1 process group left by run 1: stage migrate (pgid {orphan})";
        rerun.Output.Should().Contain(notice);
        rerun.Output.IndexOf(notice, StringComparison.Ordinal).Should().BeLessThan(rerun.Output.IndexOf("migrate", rerun.Output.IndexOf(notice, StringComparison.Ordinal) + notice.Length, StringComparison.Ordinal),
            "the leftover is ended before the rerun plans or starts anything");
        Posix.IsAlive(orphan).Should().BeFalse();
        var markers = Markers(ranLog);
        markers.Should().HaveCount(3).And.NotContain($"end {orphan}", "the crashed run's stage was ended before it could finish beside its rerun");
        markers[1].Should().StartWith("start ");
        markers[2].Should().Be("end " + markers[1].Split(' ')[1]);
        (await project.RunAsync("show", "1")).Output.Should().Contain(notice, "the crashed run's history says what was ended");
    }

    private static List<string> Markers(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Where(l => l.EndsWith(' ') is false && l.Contains(' ', StringComparison.Ordinal)).ToList() : [];
}
