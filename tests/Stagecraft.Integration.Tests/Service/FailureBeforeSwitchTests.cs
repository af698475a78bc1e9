using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Service;

/// <summary>
/// Whatever goes wrong with green before the switch, blue keeps 100% of the traffic under load, green's
/// processes are gone, and the deploy exits 1 showing why and green's last log lines.
/// </summary>
public sealed class FailureBeforeSwitchTests(BlueUnderLoadFixture blue) : IClassFixture<BlueUnderLoadFixture>
{
    private ServiceProject Project => blue.Project;

    [Fact]
    public async Task Green_that_never_becomes_healthy_is_stopped_after_its_grace()
    {
        // The grace leaves the app time to start listening even on a busy machine, so its own 503 is what is seen last.
        var result = await DeployGreenAsync(new() { ["APP_VERSION"] = "v2", ["HEALTH"] = "fail" }, "    health: { interval: 100ms, grace: 20s }\n");

        result.Output.Should().Contain("not healthy within the grace of 20s").And.Contain("503");
        result.Output.Should().Contain("testapp v2 listening", "green's last log lines are shown");
    }

    [Fact]
    public async Task Green_that_crashes_fails_the_release_at_once()
    {
        var marker = Project.WriteFile("crash-now", "");
        var result = await DeployGreenAsync(new() { ["APP_VERSION"] = "v2", ["CRASH_IF_EXISTS"] = marker });

        result.Output.Should().Contain("exited with code 3 before it was healthy").And.Contain("crashing at start as asked");
    }

    [Fact]
    public async Task Green_listening_on_the_wrong_port_never_passes_its_health_check()
    {
        var result = await DeployGreenAsync(new() { ["APP_VERSION"] = "v2", ["WRONG_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) }, "    health: { interval: 100ms, grace: 2s }\n");

        result.Output.Should().Contain("not healthy within the grace").And.Contain("connection refused");
    }

    [Fact]
    public async Task A_hook_that_exits_1_fails_the_release()
    {
        WriteHook("hooks/validate.sh", "#!/bin/sh\necho \"checking $STAGECRAFT_INSTANCE_URLS\"\necho 'validation failed' >&2\nexit 1\n");
        var result = await DeployGreenAsync(new() { ["APP_VERSION"] = "v2" }, "    hooks: { ValidateService: [ { location: hooks/validate.sh, timeout: 10s } ] }\n");

        result.Output.Should().Contain("ValidateService hook").And.Contain("exited with code 1").And.Contain("validation failed");
    }

    [Fact]
    public async Task A_hook_that_hangs_past_its_timeout_is_killed_and_fails_the_release()
    {
        WriteHook("hooks/hang.sh", "#!/bin/sh\necho hanging\nsleep 60\n");
        var result = await DeployGreenAsync(new() { ["APP_VERSION"] = "v2" }, "    hooks: { ApplicationStart: [ { location: hooks/hang.sh, timeout: 1s } ] }\n");

        result.Output.Should().Contain("ApplicationStart hook").And.Contain("did not finish within its timeout of 1s");
    }

    private void WriteHook(string relative, string script)
    {
        Executable.Write(Project.WriteFile(relative, script));
    }

    private async Task<CliResult> DeployGreenAsync(Dictionary<string, string> env, string? extra = null)
    {
        var before = await Project.Agent.ServiceAsync(ServiceProject.ServiceId);
        var since = blue.Load.Clock.ElapsedMilliseconds;
        Project.Write(env, extra);

        var result = await Project.DeployAsync();

        await blue.Load.WaitForAsync(30);
        result.ExitCode.Should().Be(1, result.ToString());
        result.Output.Should().Contain($"{before.Release} keeps serving");
        blue.Load.Failures.Should().BeEmpty("blue serves every request while green fails");
        blue.Load.VersionsSince(since).Should().Equal(["v1"], "no request reached green");
        var after = await Project.Agent.ServiceAsync(ServiceProject.ServiceId);
        after.Release.Should().Be(before.Release);
        after.KeptReleases.Should().Equal(before.KeptReleases, "a failed release is not kept for rollback");
        var greens = ReleaseLog.InstancePids(Project.StageLog());
        greens.Should().NotBeEmpty("the stage log names green's pids");
        foreach (var (release, pid) in greens)
        {
            Posix.IsAlive(pid).Should().BeFalse($"green {release}'s pid {pid} was stopped");
        }

        return result;
    }
}
