using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;
using Xunit.Abstractions;

namespace Stagecraft.Integration.Tests.Chaos;

/// <summary>
/// kill -9 of the CLI at seeded moments of a 30-stage deploy (a count of markers seen, never a timer):
/// every rerun converges, and no two runs of one stage ever overlap. The suite runs 10 trials (about a
/// tenth of its CPU time went to 20); STAGECRAFT_CHAOS_TRIALS runs more (bench/chaos/run.sh); the figures
/// go to docs/reliability.md.
/// </summary>
public sealed partial class CliKillChaosTests(ITestOutputHelper output)
{
    private const int Stages = 30;
    private const int Seed = 20261203;

    [Fact]
    public async Task After_every_kill_9_the_rerun_converges_and_no_stage_ever_runs_twice_at_once()
    {
        var trials = int.TryParse(Environment.GetEnvironmentVariable("STAGECRAFT_CHAOS_TRIALS"), CultureInfo.InvariantCulture, out var n) ? n : 10;
        var random = new Random(Seed);
        using var project = new TestProject();
        var markers = new MarkerFile(Path.Combine(project.Path, "markers"));
        int kills = 0, ended = 0, rerunStarts = 0;
        var clock = Stopwatch.StartNew();
        for (var round = 1; round <= trials; round++)
        {
            // A new round changes every stage's command, so every stage has to deploy once more.
            project.WriteProject(Project(round));
            var before = markers.Read().Count;
            var killAfter = random.Next(1, 2 * Stages - 4);
            using (var cli = project.Start("deploy", "--yes"))
            {
                await Eventually.TrueAsync(() => markers.Read().Count - before >= killAfter, $"{killAfter} markers of round {round}", TimeSpan.FromSeconds(120));
                if (Posix.TryKill(cli.Pid, Posix.SigKill))
                {
                    kills++;
                }

                await cli.WaitAsync(TimeSpan.FromSeconds(30));
            }

            var killedAt = markers.Read().Count;
            var rerun = await project.RunAsync("deploy", "--yes");
            rerun.ExitCode.Should().Be(0, $"round {round}: {rerun}");
            ended += EndedGroups().Matches(rerun.Output).Sum(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            rerunStarts += markers.Read().Skip(killedAt).Count(m => m.Kind == "start");

            var all = markers.Read();
            MarkerFile.Overlaps(all).Should().BeEmpty($"round {round}");
            var thisRound = all.Where(m => m.Round == Round(round)).ToList();
            for (var i = 1; i <= Stages; i++)
            {
                var stage = $"s{i:00}";
                thisRound.Should().Contain(m => m.Kind == "end" && m.Stage == stage, $"round {round}: {stage} must have completed once");
                thisRound.Count(m => m.Kind == "start" && m.Stage == stage).Should().BeLessThanOrEqualTo(2, $"round {round}: {stage} runs in the killed deploy and at most once more");
            }

            foreach (var pid in thisRound.Select(m => m.Pid).Distinct())
            {
                IsChaosStage(pid).Should().BeFalse($"round {round}: no stage process (pid {pid}) outlives the runs");
            }
        }

        // State equals reality: the state records every stage of the last round as deployed.
        var plan = await project.RunAsync("plan", "--detailed-exitcode");
        plan.ExitCode.Should().Be(0, plan.ToString());
        output.WriteLine($"chaos cli-kill: {trials} trials, {kills} kills, {rerunStarts} stage starts in reruns, {ended} leftover process groups ended, 0 overlaps, {clock.Elapsed.TotalSeconds:F0} s");
    }

    // A live process with that pid that is still one of our stage shells (not a recycled pid).
    private static bool IsChaosStage(int pid)
    {
        try
        {
            return Posix.IsAlive(pid) && File.ReadAllText($"/proc/{pid}/cmdline").Contains(">> markers", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Round(int round) => "r" + round.ToString(CultureInfo.InvariantCulture);

    // Three chains of ten: parallel work, and dependencies a kill can cut through.
    private static string Project(int round)
    {
        var yaml = new StringBuilder("project: chaos\nstages:\n");
        for (var i = 1; i <= Stages; i++)
        {
            var name = $"s{i:00}";
            yaml.Append("  ").Append(name).AppendLine(":")
                .AppendLine("    kind: command")
                .Append("    run: [\"sh\", \"-c\", \"echo start ").Append(name).Append(" $$ ").Append(Round(round))
                .Append(" >> markers; sleep 0.1; echo end ").Append(name).Append(" $$ ").Append(Round(round)).AppendLine(" >> markers\"]");
            if (i > 3)
            {
                yaml.Append("    depends_on: [s").Append((i - 3).ToString("00", CultureInfo.InvariantCulture)).AppendLine("]");
            }
        }

        return yaml.ToString();
    }

    [GeneratedRegex(@"ended (\d+) process groups? left by")]
    private static partial Regex EndedGroups();
}
