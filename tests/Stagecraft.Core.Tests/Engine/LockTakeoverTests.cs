using Stagecraft.Core.Engine;
using Stagecraft.Core.State;

namespace Stagecraft.Core.Tests.Engine;

/// <summary>What a takeover says about a crashed run's processes: the words operators and history read.</summary>
public sealed class LockTakeoverTests
{
    private static readonly LockInfo Previous = new("ci", "box-1", 111, 1111, "deploy", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Ended_groups_are_counted_and_named_per_run()
    {
        var takeover = new LockTakeover(Previous, RunLock.ProcessGoneReason, [new(7, "migrate", 1234)], []);

        takeover.Findings().Should().Equal("ended 1 process group left by run 7: stage migrate (pgid 1234)");
    }

    [Fact]
    public void Several_groups_use_the_plural()
    {
        var takeover = new LockTakeover(Previous, RunLock.ProcessGoneReason, [new(7, "a", 10), new(7, "b", 20)], []);

        takeover.Findings().Should().Equal("ended 2 process groups left by run 7: stage a (pgid 10), stage b (pgid 20)");
    }

    [Fact]
    public void A_dead_holder_that_left_nothing_adds_nothing()
    {
        new LockTakeover(Previous, RunLock.ProcessGoneReason, [], []).Findings().Should().BeEmpty();
    }

    [Fact]
    public void Stages_that_may_still_run_elsewhere_are_named_with_their_host()
    {
        var process = new StageProcess(7, "migrate", "box-1", 5000, 5000, 42, 111, 1111);

        var findings = new LockTakeover(Previous, "its lease expired", [], [process, process with { Pid = 5001 }]).Findings();

        findings.Should().ContainSingle().Which.Should().StartWith("stage(s) migrate of run 7 may still be running on box-1 (pid 111)");
    }

    [Fact]
    public void An_expired_lease_with_nothing_recorded_still_warns()
    {
        new LockTakeover(Previous, "its lease expired", [], []).Findings().Should().ContainSingle().Which.Should().Contain("box-1");
    }
}
