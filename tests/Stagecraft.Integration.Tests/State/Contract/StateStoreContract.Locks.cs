using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State.Contract;

public abstract partial class StateStoreContract
{
    [Fact]
    public async Task A_second_acquire_while_held_reports_the_holder()
    {
        await using var place = await CreateHarnessAsync();
        await using var first = place.Open();
        await using var second = place.Open();
        var mine = Samples.Lock(100);
        LockInfo? asked = null;

        (await first.TryAcquireLockAsync(mine, _ => false, default)).Should().Be(new LockAttempt.Acquired(null));
        var attempt = await second.TryAcquireLockAsync(Samples.Lock(200), holder =>
        {
            asked = holder;
            return false;
        }, default);

        attempt.Should().Be(new LockAttempt.Held(mine));
        asked.Should().Be(mine, "mayTakeOver is asked about the current holder");
        (await second.ReadLockAsync(default)).Should().Be(mine);
    }

    [Fact]
    public async Task A_stale_holder_is_taken_over_when_allowed()
    {
        await using var place = await CreateHarnessAsync();
        await using var first = place.Open();
        await using var second = place.Open();
        var stale = Samples.Lock(100);
        var mine = Samples.Lock(200);
        await first.TryAcquireLockAsync(stale, _ => false, default);

        var attempt = await second.TryAcquireLockAsync(mine, holder => holder.Pid == 100, default);

        attempt.Should().Be(new LockAttempt.Acquired(stale));
        (await first.ReadLockAsync(default)).Should().Be(mine);
    }

    [Fact]
    public async Task Heartbeat_refreshes_our_lock_and_fails_once_it_was_broken()
    {
        await using var place = await CreateHarnessAsync();
        await using var store = place.Open();
        var mine = Samples.Lock(100);
        await store.TryAcquireLockAsync(mine, _ => false, default);
        var later = Samples.Time.AddMinutes(1);

        (await store.HeartbeatLockAsync(mine, later, default)).Should().BeTrue();
        (await store.ReadLockAsync(default)).Should().Be(mine with { HeartbeatAt = later });
        (await store.HeartbeatLockAsync(Samples.Lock(999), later, default)).Should().BeFalse("another pid's heartbeat must not refresh our lock");

        (await store.BreakLockAsync(default)).Should().Be(mine with { HeartbeatAt = later });
        (await store.HeartbeatLockAsync(mine, later.AddSeconds(10), default)).Should().BeFalse();
        (await store.ReadLockAsync(default)).Should().BeNull("a failed heartbeat must not bring the lock back");
        (await store.BreakLockAsync(default)).Should().BeNull();
    }

    [Fact]
    public async Task Release_only_releases_our_own_lock()
    {
        await using var place = await CreateHarnessAsync();
        await using var store = place.Open();
        var mine = Samples.Lock(100);
        await store.TryAcquireLockAsync(mine, _ => false, default);

        await store.ReleaseLockAsync(Samples.Lock(200), default);
        await store.ReleaseLockAsync(Samples.Lock(100, host: "other-box"), default);
        (await store.ReadLockAsync(default)).Should().Be(mine);

        await store.ReleaseLockAsync(mine, default);
        (await store.ReadLockAsync(default)).Should().BeNull();
        (await store.TryAcquireLockAsync(Samples.Lock(200), _ => false, default)).Should().Be(new LockAttempt.Acquired(null));
    }

    [Fact]
    public async Task Concurrent_acquires_from_separate_stores_elect_exactly_one_holder()
    {
        const int contenders = 8;
        for (var round = 0; round < 3; round++)
        {
            // Nothing stored yet: the contenders also race to create the state.
            await using var place = await CreateHarnessAsync();
            var stores = Enumerable.Range(0, contenders).Select(_ => place.Open()).ToList();
            LockAttempt[] attempts;
            if (ConditionalWritesAreAtomic)
            {
                var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var racing = stores.Select((store, i) => Task.Run(async () =>
                {
                    await start.Task;
                    return await store.TryAcquireLockAsync(Samples.Lock(1000 + i), _ => false, default);
                })).ToList();
                start.SetResult();
                attempts = await Task.WhenAll(racing);
            }
            else
            {
                // One after another: the same election, without relying on the server for atomicity.
                attempts = new LockAttempt[contenders];
                for (var i = 0; i < contenders; i++)
                {
                    attempts[i] = await stores[i].TryAcquireLockAsync(Samples.Lock(1000 + i), _ => false, default);
                }
            }

            var winners = attempts.OfType<LockAttempt.Acquired>().ToList();
            winners.Should().ContainSingle();
            winners[0].TookOverFrom.Should().BeNull();
            var holder = await stores[0].ReadLockAsync(default);
            attempts.OfType<LockAttempt.Held>().Should().HaveCount(contenders - 1)
                .And.OnlyContain(held => held.Holder == holder, "every loser sees the one winner");
        }
    }

    [Fact]
    public async Task Abandoned_running_runs_are_marked_crashed_with_the_note()
    {
        await using var place = await CreateHarnessAsync();
        await using var store = place.Open();
        var done = await store.BeginRunAsync(Samples.Run(), default);
        await store.FinishRunAsync(done, RunStatus.Succeeded, Samples.Time.AddMinutes(1), null, default);
        var crashedA = await store.BeginRunAsync(Samples.Run(), default);
        var crashedB = await store.BeginRunAsync(Samples.Run("destroy"), default);
        var now = Samples.Time.AddHours(1);

        var count = await store.MarkAbandonedRunsAsync("abandoned by pid 77 on box-2", now, default);

        count.Should().Be(2);
        var runs = (await store.ListRunsAsync(10, default)).ToDictionary(r => r.Id);
        runs[done].Should().Match<RunSummary>(r => r.Status == RunStatus.Succeeded && r.Note == null);
        foreach (var id in new[] { crashedA, crashedB })
        {
            runs[id].Should().Match<RunSummary>(r => r.Status == RunStatus.Crashed && r.Note == "abandoned by pid 77 on box-2" && r.FinishedAt == now);
        }

        (await store.MarkAbandonedRunsAsync("again", now, default)).Should().Be(0);
    }
}
