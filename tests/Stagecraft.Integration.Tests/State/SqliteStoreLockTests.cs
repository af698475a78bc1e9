using Stagecraft.Core.State;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.State;

public sealed class SqliteStoreLockTests
{
    private const string InsertBobsLock =
        "INSERT INTO lock (id, holder, host, pid, pid_start, command, acquired_at, heartbeat_at) " +
        "VALUES (1, 'bob', 'box-2', 77, NULL, 'deploy', '2025-01-01T00:00:00.0000000+00:00', '2025-01-01T00:00:00.0000000+00:00')";

    [Fact]
    public async Task Acquire_waits_for_another_process_writing_the_lock_and_sees_its_holder()
    {
        OtherProcessWriter.Shell.Should().NotBeNull("the sqlite3 shell plays the other process (./test.sh installs it)");

        await using var file = new StateFile();
        await using var store = await CreatedAsync(file);
        await using var other = await OtherProcessWriter.BeginAsync(file.Path, InsertBobsLock);

        // SQLite waits synchronously inside the call, hence its own thread, which sleeps between attempts at the lock.
        var acquiring = await LockWaits.OnOwnThreadAsync(() => store.TryAcquireLockAsync(Samples.Lock(2), _ => false, default));
        await acquiring.BlockedOrDoneAsync("the acquire to wait for the other writer's lock");
        acquiring.Call.IsCompleted.Should().BeFalse("the acquire must wait for the other writer, not decide on a stale read");
        await other.CommitAsync();

        var attempt = await acquiring.Call.WaitAsync(TimeSpan.FromSeconds(10));
        attempt.Should().BeOfType<LockAttempt.Held>().Which.Holder.Should().Match<LockInfo>(h => h.Holder == "bob" && h.Host == "box-2" && h.Pid == 77);
    }

    [Fact]
    public async Task Break_waits_for_another_process_writing_the_lock_and_returns_what_it_removed()
    {
        OtherProcessWriter.Shell.Should().NotBeNull("the sqlite3 shell plays the other process (./test.sh installs it)");

        await using var file = new StateFile();
        await using var store = await CreatedAsync(file);
        await using var other = await OtherProcessWriter.BeginAsync(file.Path, InsertBobsLock);

        // Its first statement is a read: only a transaction that takes the write lock up front
        // (BEGIN IMMEDIATE) sees bob's lock instead of an empty table it then cannot write to.
        var breaking = await LockWaits.OnOwnThreadAsync(() => store.BreakLockAsync(default));
        await breaking.BlockedOrDoneAsync("the break to wait for the other writer's lock");
        breaking.Call.IsCompleted.Should().BeFalse("the break must wait for the other writer");
        await other.CommitAsync();

        (await breaking.Call.WaitAsync(TimeSpan.FromSeconds(10)))!.Holder.Should().Be("bob");
        (await store.ReadLockAsync(default)).Should().BeNull();
    }

    /// <summary>A store whose file exists with its schema, for another process to write to.</summary>
    private static async Task<IStateStore> CreatedAsync(StateFile file)
    {
        var store = file.Open();
        await store.SetStageDataAsync("any", "key", "value", default);
        return store;
    }
}
