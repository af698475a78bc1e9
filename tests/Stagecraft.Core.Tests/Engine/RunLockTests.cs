using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Engine;

public sealed class RunLockTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryStateStore _store = new();
    private readonly FakeHostInfo _host = new();

    private Task<RunLock> AcquireAsync() => RunLock.AcquireAsync(_store, _host, "dev", "deploy", _time, default);

    private async Task HeldByAsync(string host, int pid, DateTimeOffset heartbeat, long? pidStart = null)
    {
        var other = new LockInfo("alice", host, pid, pidStart, "deploy web", heartbeat - TimeSpan.FromMinutes(1), heartbeat);
        (await _store.TryAcquireLockAsync(other, _ => false, default)).Should().BeOfType<LockAttempt.Acquired>();
    }

    [Fact]
    public async Task Free_lock_is_taken_and_names_this_process()
    {
        await using var runLock = await AcquireAsync();

        runLock.TookOverFrom.Should().BeNull();
        (await _store.ReadLockAsync(default)).Should().Be(new LockInfo("tester", "test-host", 4242, 5242, "deploy", Start, Start));
    }

    [Fact]
    public async Task Lock_held_by_a_live_process_is_refused_naming_the_holder()
    {
        _host.LivePids.Add(777);
        await HeldByAsync("test-host", 777, Start, pidStart: 1777);

        var acquire = AcquireAsync;

        var error = (await acquire.Should().ThrowAsync<LockedException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.Locked);
        error.Message.Should().Contain("environment 'dev' is locked by alice on test-host (pid 777, 'deploy web'").And.NotContain("stale");
        error.Hint.Should().Be("wait for that run to finish");
        error.Holder.Pid.Should().Be(777);
    }

    [Fact]
    public async Task Lock_of_a_vanished_process_on_this_host_is_taken_over_and_its_runs_marked_crashed()
    {
        await HeldByAsync("test-host", 999, Start - TimeSpan.FromSeconds(5));
        var abandoned = await _store.BeginRunAsync(new RunStart("deploy", "dev", "alice", "test-host", 999, Start, ""), default);

        await using var runLock = await AcquireAsync();

        runLock.TookOverFrom.Should().NotBeNull();
        runLock.TookOverFrom!.Pid.Should().Be(999);
        (await _store.ReadLockAsync(default))!.Pid.Should().Be(4242);
        var run = (await _store.GetRunAsync(abandoned, default))!.Summary;
        run.Status.Should().Be(RunStatus.Crashed);
        run.Note.Should().Be("abandoned by pid 999 on test-host (its process no longer exists); lock taken over by pid 4242 on test-host");
    }

    [Fact]
    public async Task Lock_of_a_reused_pid_on_this_host_is_taken_over()
    {
        // Pid 777 lives, but it started after the holder did: it is another process now.
        _host.LivePids.Add(777);
        await HeldByAsync("test-host", 777, Start, pidStart: 12);

        await using var runLock = await AcquireAsync();

        runLock.TookOverFrom!.Pid.Should().Be(777);
    }

    [Fact]
    public async Task Stale_lock_from_another_host_is_still_refused_but_reported_as_stale()
    {
        await HeldByAsync("build-agent-7", 321, Start - TimeSpan.FromMinutes(5));

        var acquire = AcquireAsync;

        var error = (await acquire.Should().ThrowAsync<LockedException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.Locked);
        error.Message.Should().Contain("alice on build-agent-7 (pid 321").And.Contain("its last heartbeat was 300s ago, so it looks stale");
        error.Hint.Should().Be("if that run is really gone, remove the lock with: stagecraft unlock -e dev");
    }

    [Fact]
    public async Task Fresh_lock_from_another_host_is_refused_without_calling_it_stale()
    {
        await HeldByAsync("build-agent-7", 321, Start - TimeSpan.FromSeconds(30));

        var acquire = AcquireAsync;

        (await acquire.Should().ThrowAsync<LockedException>()).Which.Message.Should().NotContain("stale");
    }

    [Fact]
    public async Task Heartbeat_refreshes_the_lock_on_every_interval()
    {
        await using var runLock = await AcquireAsync();

        _time.Advance(RunLock.HeartbeatInterval);
        (await _store.ReadLockAsync(default))!.HeartbeatAt.Should().Be(Start + RunLock.HeartbeatInterval);

        _time.Advance(RunLock.HeartbeatInterval * 3);
        (await _store.ReadLockAsync(default))!.HeartbeatAt.Should().Be(Start + (RunLock.HeartbeatInterval * 4));
        runLock.Lost.Should().BeFalse();
    }

    [Fact]
    public async Task Broken_lock_is_noticed_at_the_next_heartbeat()
    {
        await using var runLock = await AcquireAsync();

        (await _store.BreakLockAsync(default))!.Pid.Should().Be(4242);
        _time.Advance(RunLock.HeartbeatInterval);

        runLock.Lost.Should().BeTrue();
    }

    [Fact]
    public async Task A_holder_that_keeps_beating_never_looks_stale()
    {
        await using var runLock = await AcquireAsync();
        _time.Advance(RunLock.StaleAfter * 2);

        var other = new FakeHostInfo { HostName = "elsewhere", ProcessId = 1 };
        var acquire = () => RunLock.AcquireAsync(_store, other, "dev", "deploy", _time, default);

        (await acquire.Should().ThrowAsync<LockedException>()).Which.Message.Should().NotContain("stale");
    }

    [Fact]
    public async Task Disposing_releases_the_lock_and_stops_the_heartbeat()
    {
        var runLock = await AcquireAsync();

        await runLock.DisposeAsync();
        (await _store.ReadLockAsync(default)).Should().BeNull();

        await using var next = await AcquireAsync();
        _time.Advance(RunLock.HeartbeatInterval);
        runLock.Lost.Should().BeFalse();
        (await _store.ReadLockAsync(default))!.HeartbeatAt.Should().Be(Start + RunLock.HeartbeatInterval);
    }
}
