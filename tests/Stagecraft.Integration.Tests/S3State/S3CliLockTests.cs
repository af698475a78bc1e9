using Stagecraft.TestSupport;
using System.Globalization;
using System.Text.Json;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>The real CLI against s3 state: racing deploys, kill -9, lease expiry, an unreachable store.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class S3CliLockTests
{
    private readonly LocalAws _aws;

    public S3CliLockTests(LocalAws aws)
    {
        _aws = aws;
    }

    [Fact]
    public async Task Two_deploys_racing_on_one_environment_one_proceeds_and_the_other_exits_3_naming_the_holder()
    {
        await using var place = await _aws.NewPlaceAsync();
        using var project = new S3CliProject(_aws, place);
        // The stage holds until the test lets it go: the winner keeps the lock however late the other CLI starts.
        project.WriteChain(1, 0, place.StateYaml(), heldStage: 1);

        using var first = project.Start("deploy");
        using var second = project.Start("deploy");
        var waits = new[] { first.WaitAsync(TimeSpan.FromSeconds(90)), second.WaitAsync(TimeSpan.FromSeconds(90)) };
        await Task.WhenAny(waits);
        project.Release();
        var results = await Task.WhenAll(waits);

        results.Select(r => r.ExitCode).Order().Should().Equal([0, 3], string.Join("\n", results.Select(r => r.ToString())));
        var (winner, loser) = results[0].ExitCode == 0 ? (first, results[1]) : (second, results[0]);
        loser.Error.Should().Contain("locked by").And.Contain($"pid {winner.Pid}");
        project.Log.Starts("s1").Should().Be(1, "only the run holding the lock deploys");
        var history = await project.RunAsync("history", "--json");
        JsonDocument.Parse(history.Output).RootElement.GetArrayLength().Should().Be(1, "the refused run never began");
    }

    [Fact]
    public async Task After_kill_9_the_next_deploy_takes_over_and_finds_the_state_intact()
    {
        await using var place = await _aws.NewPlaceAsync();
        using var project = new S3CliProject(_aws, place);
        // s3 holds, so the kill always lands while it runs: s4..s6 cannot have finished however slow the machine.
        project.WriteChain(6, 0.3, place.StateYaml(), heldStage: 3);
        using (var first = project.Start("deploy"))
        {
            await Eventually.TrueAsync(() => project.Log.Starts("s3") > 0, "s3 to start", TimeSpan.FromSeconds(60));
            first.Signal(Posix.SigKill);
            await first.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var deployedBeforeCrash = await DeployedStagesAsync(project);
        deployedBeforeCrash.Should().Contain(["s1", "s2"]).And.NotContain(["s4", "s5", "s6"]);
        project.WriteChain(6, 0.3, place.StateYaml()); // s3 quick again for the rerun; s1 and s2 are unchanged

        var second = await project.RunAsync("deploy");

        second.ExitCode.Should().Be(0, second.ToString());
        OneLine(second.Output).Should().Contain("took over a stale lock").And.Contain("its process no longer exists");
        (await DeployedStagesAsync(project)).Should().BeEquivalentTo(["s1", "s2", "s3", "s4", "s5", "s6"]);
        foreach (var stage in deployedBeforeCrash)
        {
            project.Log.Starts(stage).Should().Be(1, $"{stage} was recorded as deployed before the crash");
        }

        (await project.RunAsync("history")).Output.Should().Contain("crashed");
    }

    [Fact]
    public async Task A_killed_holder_on_another_host_is_taken_over_only_once_its_lease_expired()
    {
        await using var place = await _aws.NewPlaceAsync();
        using var project = new S3CliProject(_aws, place);
        // A lease far longer than any run here, so the early attempt meets it unexpired however slow the machine; the test ends it.
        // s2 holds, so the kill always lands while it runs.
        project.WriteChain(3, 0.5, place.StateYaml(lease: "10m"), heldStage: 2);
        using (var first = project.Start("deploy"))
        {
            await Eventually.TrueAsync(() => project.Log.Starts("s2") > 0, "s2 to start", TimeSpan.FromSeconds(60));
            first.Signal(Posix.SigKill);
            await first.WaitAsync(TimeSpan.FromSeconds(10));
        }

        // As if the killed run had been on another CI runner: this host cannot see that its process is gone.
        await place.MoveLockToHostAsync("ci-runner-elsewhere");
        var early = await project.RunAsync("deploy");
        early.ExitCode.Should().Be(3, early.ToString());
        early.Error.Should().Contain("locked by").And.Contain("ci-runner-elsewhere");

        // The killed run's s2 is "on the other host": nothing here ends it. Letting it go ends it and the rerun's s2.
        project.Release();
        await place.ExpireLeaseAsync();
        var next = await project.RunAsync("deploy");

        next.ExitCode.Should().Be(0, next.ToString());
        OneLine(next.Output).Should().Contain("took over a stale lock").And.Contain("ci-runner-elsewhere").And.Contain("its lease expired");
        (await DeployedStagesAsync(project)).Should().BeEquivalentTo(["s1", "s2", "s3"]);
        project.Log.Starts("s1").Should().Be(1, "s1 was recorded before the kill");
        var crashed = JsonDocument.Parse((await project.RunAsync("history", "--json")).Output).RootElement.EnumerateArray()
            .Single(r => r.GetProperty("status").GetString() == "crashed");
        crashed.GetProperty("note").GetString().Should().Contain("on ci-runner-elsewhere (its lease expired); lock taken over by pid");
    }

    [Fact]
    public async Task An_unreachable_store_exits_1_with_a_clear_message_before_anything_runs()
    {
        await using var place = await _aws.NewPlaceAsync();
        using var project = new S3CliProject(_aws, place);
        var closed = $"http://127.0.0.1:{FreePort.Next()}";
        project.WriteChain(2, 0.1, $"state: {{ backend: s3, bucket: {place.Bucket}, lock_table: {place.Table}, region: us-east-1, endpoint: \"{closed}\", lock_endpoint: \"{closed}\" }}");

        var result = await project.RunAsync("deploy");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Error.Should().Contain($"error: SC-AWS-0004: cannot reach DynamoDB at {closed}").And.Contain("hint:").And.NotContain("   at ");
        project.Log.Entries.Should().BeEmpty("no stage may run without the lock");
        (await place.HasStateAsync()).Should().BeFalse();
    }

    /// <summary>The console wraps long lines; compare text with every run of whitespace as one space.</summary>
    private static string OneLine(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private static async Task<List<string>> DeployedStagesAsync(S3CliProject project)
    {
        var status = await project.RunAsync("status", "--json");
        status.ExitCode.Should().Be(0, status.ToString());
        return JsonDocument.Parse(status.Output).RootElement.GetProperty("stages").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "deployed")
            .Select(s => s.GetProperty("stage").GetString()!).ToList();
    }
}
