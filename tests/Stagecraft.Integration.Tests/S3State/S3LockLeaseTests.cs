using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.State;
using Stagecraft.Integration.Tests.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>The lock is a lease: it outlives its holder only until the lease runs out, and heartbeats extend it.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class S3LockLeaseTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly LocalAws _aws;

    public S3LockLeaseTests(LocalAws aws)
    {
        _aws = aws;
    }

    [Fact]
    public async Task A_lock_on_another_host_is_held_until_its_lease_expires_then_taken_over_and_the_takeover_is_recorded()
    {
        await using var place = await _aws.NewPlaceAsync();
        var time = NewClock();
        var ci1 = new FakeHostInfo { HostName = "ci-runner-1", ProcessId = 111 };
        var ci2 = new FakeHostInfo { HostName = "ci-runner-2", ProcessId = 222 };
        await using var gone = place.OpenS3(time: time, lease: Lease);
        var holder = new LockInfo("ci", ci1.HostName, ci1.ProcessId, 1111, "deploy", time.GetUtcNow(), time.GetUtcNow());
        (await gone.TryAcquireLockAsync(holder, _ => false, default)).Should().Be(new LockAttempt.Acquired(null));
        var abandoned = await gone.BeginRunAsync(Samples.Run() with { Host = ci1.HostName, Pid = 111 }, default);
        await using var next = place.OpenS3(time: time, lease: Lease);

        time.Advance(Lease - TimeSpan.FromSeconds(1));
        var early = () => RunLock.AcquireAsync(next, ci2, "local", "deploy", time, default);
        (await early.Should().ThrowAsync<LockedException>()).Which.Holder.Should().Be(holder, "a lease that has not expired protects a holder this host cannot check");

        time.Advance(TimeSpan.FromSeconds(2));
        await using var taken = await RunLock.AcquireAsync(next, ci2, "local", "deploy", time, default);

        taken.TookOverFrom.Should().Be(holder);
        (await next.ReadLockAsync(default))!.Host.Should().Be("ci-runner-2");
        var run = (await next.GetRunAsync(abandoned, default))!.Summary;
        run.Status.Should().Be(RunStatus.Crashed);
        run.Note.Should().Contain("abandoned by pid 111 on ci-runner-1 (its lease expired)").And.Contain("taken over by pid 222 on ci-runner-2");
    }

    [Fact]
    public async Task Taking_over_from_another_host_names_the_stages_that_may_still_run_there_and_ends_nothing_here()
    {
        await using var place = await _aws.NewPlaceAsync();
        var time = NewClock();
        var ci1 = new FakeHostInfo { HostName = "ci-runner-1", ProcessId = 111 };
        var ci2 = new FakeHostInfo { HostName = "ci-runner-2", ProcessId = 222 };
        await using var gone = place.OpenS3(time: time, lease: Lease);
        var holder = new LockInfo("ci", ci1.HostName, ci1.ProcessId, 1111, "deploy", time.GetUtcNow(), time.GetUtcNow());
        await gone.TryAcquireLockAsync(holder, _ => false, default);
        var run = await gone.BeginRunAsync(Samples.Run() with { Host = ci1.HostName, Pid = 111 }, default);
        await ((IProcessLedger)gone).RecordProcessAsync(new StageProcess(run, "migrate", ci1.HostName, 5000, 5000, 77, 111, 1111), default);
        await ((IProcessLedger)gone).RecordProcessAsync(new StageProcess(run, "build", ci1.HostName, 5001, 5001, 78, 111, 1111), default);
        await gone.RecordStagesAsync(run, [Samples.Result("build")], default);
        await using var next = place.OpenS3(time: time, lease: Lease);

        time.Advance(Lease - TimeSpan.FromSeconds(1));
        var early = () => RunLock.AcquireAsync(next, ci2, "local", "deploy", time, default);
        await early.Should().ThrowAsync<LockedException>("the stage may still run on ci-runner-1 while its lease holds");
        time.Advance(TimeSpan.FromSeconds(2));
        await using var taken = await RunLock.AcquireAsync(next, ci2, "local", "deploy", time, default);

        taken.Takeover!.Ended.Should().BeEmpty("no process of another host can be ended from here");
        var warning = $"stage(s) migrate of run {run} may still be running on ci-runner-1";
        taken.Takeover.Findings().Should().ContainSingle().Which.Should().StartWith(warning, "build recorded its result: it finished");
        (await next.GetRunAsync(run, default))!.Summary.Note.Should().Contain(warning);
    }

    [Fact]
    public async Task A_heartbeat_extends_the_lease()
    {
        await using var place = await _aws.NewPlaceAsync();
        var time = NewClock();
        await using var holderStore = place.OpenS3(time: time, lease: Lease);
        await using var other = place.OpenS3(time: time, lease: Lease);
        var holder = Samples.Lock(100, "box-1");
        await holderStore.TryAcquireLockAsync(holder, _ => false, default);
        var acquired = time.GetUtcNow();
        (await LeaseExpiryAsync(place)).Should().Be(acquired + Lease);

        time.Advance(TimeSpan.FromSeconds(20));
        (await holderStore.HeartbeatLockAsync(holder, time.GetUtcNow(), default)).Should().BeTrue();
        (await LeaseExpiryAsync(place)).Should().Be(acquired + TimeSpan.FromSeconds(20) + Lease);

        time.Advance(TimeSpan.FromSeconds(20));
        (await other.TryAcquireLockAsync(Samples.Lock(200, "box-2"), _ => false, default)).Should().BeOfType<LockAttempt.Held>("the heartbeat moved the expiry 20s on");

        time.Advance(TimeSpan.FromSeconds(11));
        (await other.TryAcquireLockAsync(Samples.Lock(200, "box-2"), _ => false, default)).Should().Be(new LockAttempt.Acquired(holder with { HeartbeatAt = acquired + TimeSpan.FromSeconds(20) }));
    }

    [Fact]
    public async Task A_run_lock_beats_at_least_three_times_per_lease()
    {
        await using var place = await _aws.NewPlaceAsync();
        await using var shortLease = place.OpenS3(lease: TimeSpan.FromSeconds(3));
        await using var usual = place.OpenS3();

        RunLock.BeatInterval(shortLease).Should().Be(TimeSpan.FromSeconds(1));
        RunLock.BeatInterval(usual).Should().Be(RunLock.HeartbeatInterval);
    }

    [Fact]
    public async Task A_holder_whose_lock_was_taken_over_can_no_longer_write_state()
    {
        await using var place = await _aws.NewPlaceAsync();
        var time = NewClock();
        await using var old = place.OpenS3(time: time, lease: Lease);
        await using var current = place.OpenS3(time: time, lease: Lease);
        await old.TryAcquireLockAsync(Samples.Lock(100, "box-1"), _ => false, default);
        var oldRun = await old.BeginRunAsync(Samples.Run(), default);
        time.Advance(Lease + TimeSpan.FromSeconds(1));
        await current.TryAcquireLockAsync(Samples.Lock(200, "box-2"), _ => false, default);
        await current.SetStageDataAsync("web", "active", "green", default);

        var write = () => old.RecordStageAsync(oldRun, Samples.Result("web"), new StageStateChange.Put(Samples.Stage("web", oldRun)), default);

        var error = (await write.Should().ThrowAsync<StagecraftException>()).Which;
        error.ExitCode.Should().Be(ExitCodes.Locked);
        error.Message.Should().Contain("no longer locked by this run").And.Contain("box-2");
        (await current.LoadAsync(default)).Stages.Should().BeEmpty("the fenced write changed nothing");
        (await current.GetStageDataAsync("web", "active", default)).Should().Be("green");
    }

    /// <summary>Whole milliseconds, the resolution of the stored lease expiry.</summary>
    private static FakeTimeProvider NewClock() => new(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    private static async Task<DateTimeOffset> LeaseExpiryAsync(S3Place place) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((await place.ItemAsync())!["lease_expires_at"].N, CultureInfo.InvariantCulture));
}
