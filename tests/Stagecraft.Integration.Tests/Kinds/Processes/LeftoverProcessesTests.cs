using System.Diagnostics;
using Stagecraft.Core.State;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.Host;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Kinds.Processes;

/// <summary>What the run taking over a crashed run's lock ends on this host, and what it never touches.</summary>
public sealed class LeftoverProcessesTests
{
    private static readonly SystemHostInfo Host = new();

    // A dead CLI: no process of the tests carries its tag.
    private static readonly LockInfo DeadHolder = new("ci", Host.HostName, 999_999, 42, "deploy", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_recorded_group_whose_leader_has_another_start_time_is_a_recycled_pid_and_is_left_alone()
    {
        using var process = await StartGroupLeaderAsync();
        var start = SystemHostInfo.StartTimeOf(process.Id)!.Value;

        var ended = await Host.EndLeftoverProcessesAsync(DeadHolder, [Entry(process.Id, start + 1)], default);

        ended.Should().BeEmpty();
        Posix.IsAlive(process.Id).Should().BeTrue();
    }

    [Fact]
    public async Task A_recorded_group_whose_identity_holds_is_ended_whole()
    {
        using var process = await StartGroupLeaderAsync();
        var start = SystemHostInfo.StartTimeOf(process.Id)!.Value;

        var ended = await Host.EndLeftoverProcessesAsync(DeadHolder, [Entry(process.Id, start)], default);

        ended.Should().ContainSingle().Which.Should().Be(new Core.Engine.EndedProcessGroup(7, "migrate", process.Id));
        await Eventually.TrueAsync(() => !Posix.IsAlive(process.Id), "the group to end", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_group_the_ledger_never_recorded_is_found_by_the_dead_holders_tag_and_ended()
    {
        // The CLI died between starting the child and recording it: only the tag in the child's environment names it.
        using var unrecorded = await StartGroupLeaderAsync(tag: $"{DeadHolder.Pid}.{DeadHolder.PidStart}/7/migrate");
        using var otherHolders = await StartGroupLeaderAsync(tag: $"{DeadHolder.Pid}.{DeadHolder.PidStart + 1}/8/seed");

        var ended = await Host.EndLeftoverProcessesAsync(DeadHolder, [], default);

        ended.Should().Equal(new Core.Engine.EndedProcessGroup(7, "migrate", unrecorded.Id));
        await Eventually.TrueAsync(() => !Posix.IsAlive(unrecorded.Id), "the tagged group to end", TimeSpan.FromSeconds(10));
        Posix.IsAlive(otherHolders.Id).Should().BeTrue("the same pid with another start time is another CLI, whose processes are not ours to end");
    }

    private static StageProcess Entry(int pid, long start) => new(7, "migrate", Host.HostName, pid, pid, start, DeadHolder.Pid, DeadHolder.PidStart);

    // setsid execs (a .NET child never leads a group), so the sleep's pid is its group id once it ran.
    private static async Task<GroupLeader> StartGroupLeaderAsync(string? tag = null)
    {
        var info = new ProcessStartInfo("setsid") { UseShellExecute = false };
        if (tag is not null)
        {
            info.Environment[Stagecraft.Host.Processes.StageProcessTag.Variable] = tag;
        }

        info.ArgumentList.Add("sleep");
        info.ArgumentList.Add("120");
        var leader = new GroupLeader(Process.Start(info)!);
        await Eventually.TrueAsync(() => Stagecraft.Host.Processes.PosixNative.ProcessGroupOf(leader.Id) == leader.Id, "the process to lead its own group");
        return leader;
    }

    /// <summary>Killed when the test ends, whatever it asserted.</summary>
    private sealed class GroupLeader(Process process) : IDisposable
    {
        public int Id => process.Id;

        public void Dispose()
        {
            Posix.TryKill(process.Id, Posix.SigKill);
            process.WaitForExit();
            process.Dispose();
        }
    }
}
