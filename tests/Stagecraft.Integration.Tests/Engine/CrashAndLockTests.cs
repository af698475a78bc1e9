using Stagecraft.TestSupport;
using System.Text;
using System.Text.Json;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Engine;

/// <summary>kill -9, concurrent deploys, Ctrl-C: state stays true to what ran, locks name holders, no process is left.</summary>
public sealed class CrashAndLockTests
{
    private static string Chain(int count, double seconds)
    {
        var yaml = new StringBuilder("project: chain\nstages:\n");
        for (var i = 1; i <= count; i++)
        {
            yaml.Append(TestProject.Stage($"s{i}", seconds, i == 1 ? null : [$"s{i - 1}"]));
        }

        return yaml.ToString();
    }

    [Fact]
    public async Task After_kill_9_a_second_deploy_completes_and_reruns_only_what_had_not_finished()
    {
        using var project = new TestProject();

        // s3 holds until the test writes "start go" into the log: the kill always lands while s3 runs, however loaded the machine.
        project.WriteProject(Chain(6, 0.3).Replace(TestProject.Stage("s3", 0.3, ["s2"]), TestProject.Stage("s3", 0.3, ["s2"], awaits: ["start:go"]), StringComparison.Ordinal));
        using (var first = project.Start("deploy"))
        {
            await Eventually.TrueAsync(() => project.Log.Starts("s3") > 0, "s3 to start", TimeSpan.FromSeconds(60));
            first.Signal(Posix.SigKill);
            await first.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var deployedBeforeCrash = await DeployedStagesAsync(project);
        deployedBeforeCrash.Should().BeEquivalentTo(["s1", "s2"]);
        File.AppendAllText(project.LogPath, "start go 0\n");

        var second = await project.RunAsync("deploy");

        second.ExitCode.Should().Be(0, second.ToString());
        second.Output.Should().Contain("took over a stale lock");
        (await DeployedStagesAsync(project)).Should().BeEquivalentTo(["s1", "s2", "s3", "s4", "s5", "s6"]);
        foreach (var stage in deployedBeforeCrash)
        {
            project.Log.Starts(stage).Should().Be(1, $"{stage} was recorded as deployed before the crash");
        }

        var history = await project.RunAsync("history");
        history.Output.Should().Contain("crashed");
    }

    [Fact]
    public async Task A_second_concurrent_deploy_exits_3_and_names_the_holder()
    {
        using var project = new TestProject();

        // The stage holds until the test lets it go: the first deploy holds the lock however slowly the second one starts.
        project.WriteProject("""
            project: held
            stages:
              s1:
                kind: command
                run: ["sh", "-c", "touch started; while [ ! -f release ]; do sleep 0.05; done"]
            """);
        using var first = project.Start("deploy");
        await Eventually.TrueAsync(() => File.Exists(System.IO.Path.Combine(project.Path, "started")), "the first deploy to start its stage", TimeSpan.FromSeconds(60));

        var second = await project.RunAsync("deploy");
        project.Write("release", "");

        second.ExitCode.Should().Be(3, second.ToString());
        second.Error.Should().Contain($"pid {first.Pid}").And.Contain("locked by");
        (await first.WaitAsync(TimeSpan.FromSeconds(60))).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Ctrl_C_ends_every_child_process_records_the_run_and_releases_the_lock()
    {
        using var project = new TestProject();
        project.WriteProject("""
            project: interrupt
            stages:
              long:
                kind: command
                run: ["sh", "-c", "echo $$ > child.pid; sleep 60 & echo $! > grandchild.pid; wait"]
            """);
        using var cli = project.Start("deploy");
        var grandchildFile = System.IO.Path.Combine(project.Path, "grandchild.pid");
        await Eventually.TrueAsync(() => File.Exists(grandchildFile) && File.ReadAllText(grandchildFile).Trim().Length > 0, "the stage to start its processes", TimeSpan.FromSeconds(60));
        var child = int.Parse(File.ReadAllText(System.IO.Path.Combine(project.Path, "child.pid")).Trim());
        var grandchild = int.Parse(File.ReadAllText(grandchildFile).Trim());

        cli.Signal(Posix.SigInt);
        var result = await cli.WaitAsync(TimeSpan.FromSeconds(30));

        result.ExitCode.Should().Be(130, result.ToString());
        await Eventually.TrueAsync(() => !Posix.IsAlive(child) && !Posix.IsAlive(grandchild), "the stage's processes to end", TimeSpan.FromSeconds(10));
        var status = await project.RunAsync("status", "--json");
        JsonDocument.Parse(status.Output).RootElement.TryGetProperty("lock", out var held).Should().BeFalse($"the lock must be released: {status.Output}");
        _ = held;
        (await project.RunAsync("history")).Output.Should().Contain("interrupted");
    }

    private static async Task<List<string>> DeployedStagesAsync(TestProject project)
    {
        var status = await project.RunAsync("status", "--json");
        status.ExitCode.Should().Be(0, status.ToString());
        return JsonDocument.Parse(status.Output).RootElement.GetProperty("stages").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "deployed")
            .Select(s => s.GetProperty("stage").GetString()!).ToList();
    }
}
