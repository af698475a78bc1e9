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
    public async Task The_hmac_key_is_kept_in_the_meta_table()
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
