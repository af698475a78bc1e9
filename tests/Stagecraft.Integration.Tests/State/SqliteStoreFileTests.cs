using System.Runtime.Versioning;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.State;
using Stagecraft.Local.State;

namespace Stagecraft.Integration.Tests.State;

[UnsupportedOSPlatform("windows")]
public sealed class SqliteStoreFileTests
{
    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task Reads_of_a_missing_file_give_empty_state_and_create_nothing()
    {
        await using var file = new StateFile();
        await using var store = file.Open();

        var snapshot = await store.LoadAsync(default);
        snapshot.Stages.Should().BeEmpty();
        snapshot.HmacKey.Should().HaveCount(32);
        (await store.ListRunsAsync(10, default)).Should().BeEmpty();
        (await store.ReadLockAsync(default)).Should().BeNull();
        (await store.GetRunAsync(1, default)).Should().BeNull();
        (await store.FindApprovalAsync("gate", "fp", default)).Should().BeNull();
        (await store.GetStageDataAsync("web", "releases", default)).Should().BeNull();

        // Writes that only change existing state have nothing to do either.
        (await store.HeartbeatLockAsync(Samples.Lock(1), Samples.Time, default)).Should().BeFalse();
        await store.ReleaseLockAsync(Samples.Lock(1), default);
        (await store.BreakLockAsync(default)).Should().BeNull();
        (await store.MarkAbandonedRunsAsync("gone", Samples.Time, default)).Should().Be(0);
        await store.SetStageDataAsync("web", "releases", null, default);

        Directory.Exists(file.StateDirectory).Should().BeFalse("reading state must not create the file or its directory");
    }

    [Fact]
    public async Task First_write_creates_an_owner_only_file_and_directory_in_wal_mode()
    {
        await using var file = new StateFile();
        await using var store = file.Open();

        await store.RecordApprovalAsync(new Approval("gate", "fp", "alice", Samples.Time, null), default);

        File.GetUnixFileMode(file.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(file.StateDirectory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // The pooled connection is still open, so the WAL and shared-memory files exist now.
        foreach (var companion in new[] { file.Path + "-wal", file.Path + "-shm" })
        {
            File.Exists(companion).Should().BeTrue(companion + " exists while the store is open");
            (File.GetUnixFileMode(companion) & GroupOrOther).Should().Be(UnixFileMode.None, companion + " must not be readable by group or others");
        }

        (await file.ScalarAsync("PRAGMA journal_mode")).Should().Be("wal");
        (await file.ScalarAsync("PRAGMA user_version")).Should().Be((long)SqliteSchema.LatestVersion);
    }

    [Fact]
    public async Task An_existing_file_readable_by_others_is_restricted_to_the_owner()
    {
        await using var file = new StateFile();
        Directory.CreateDirectory(file.StateDirectory);
        await File.WriteAllBytesAsync(file.Path, []);
        File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var store = file.Open();

        await store.BeginRunAsync(Samples.Run(), default);

        File.GetUnixFileMode(file.Path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await store.ListRunsAsync(5, default)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_file_from_a_newer_schema_is_refused()
    {
        await using var file = new StateFile();
        await using (var store = file.Open())
        {
            await store.BeginRunAsync(Samples.Run(), default);
        }

        await file.ExecuteAsync($"PRAGMA user_version = {SqliteSchema.LatestVersion + 1}");
        await using var reopened = file.Open();

        var load = () => reopened.LoadAsync(default);

        (await load.Should().ThrowAsync<StagecraftException>()).WithMessage("*newer than this Stagecraft*");
    }

    [Fact]
    public async Task The_hmac_key_handed_out_before_the_first_write_is_the_one_persisted()
    {
        await using var file = new StateFile();
        byte[] before;
        await using (var store = file.Open())
        {
            before = (await store.LoadAsync(default)).HmacKey;
            (await store.LoadAsync(default)).HmacKey.Should().Equal(before, "one store hands out one key");
            await store.BeginRunAsync(Samples.Run(), default);
        }

        await using var reopened = file.Open();
        (await reopened.LoadAsync(default)).HmacKey.Should().Equal(before);
        (await file.ScalarAsync("SELECT value FROM meta WHERE key = 'hmac_key'")).Should().Be(Convert.ToBase64String(before));
    }

    [Fact]
    public async Task Two_fresh_stores_have_different_hmac_keys()
    {
        await using var one = new StateFile();
        await using var two = new StateFile();
        await using var first = one.Open();
        await using var second = two.Open();
        await first.BeginRunAsync(Samples.Run(), default);
        await second.BeginRunAsync(Samples.Run(), default);

        var a = (await first.LoadAsync(default)).HmacKey;
        var b = (await second.LoadAsync(default)).HmacKey;

        a.Should().HaveCount(32);
        b.Should().HaveCount(32);
        a.Should().NotEqual(b);
    }

    [Fact]
    public async Task Disposing_the_store_releases_the_file()
    {
        await using var file = new StateFile();
        var store = file.Open();
        await store.BeginRunAsync(Samples.Run(), default);
        await store.LoadAsync(default);

        await store.DisposeAsync();

        // The last connection closing checkpoints the WAL and removes it: nothing holds the file.
        File.Exists(file.Path + "-wal").Should().BeFalse();
        Directory.Delete(file.StateDirectory, recursive: true);
    }
}
