using System.Runtime.Versioning;
using System.Text;
using Stagecraft.Host.Files;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Files;

/// <summary>The one helper that sets private file modes: what it creates, replaces and tightens.</summary>
[SupportedOSPlatform("linux")]
public sealed class OwnerOnlyTests : IDisposable
{
    private readonly TempDirectory _dir = new("owner-only");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_file_it_opens_for_appending_is_created_0600_and_an_existing_ones_mode_is_kept()
    {
        var fresh = _dir.Combine("fresh.log");
        using (OwnerOnly.Open(fresh, FileMode.Append, FileAccess.Write))
        {
        }

        var existing = _dir.Write("existing.log", "x");
        File.SetUnixFileMode(existing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        using (OwnerOnly.Open(existing, FileMode.Append, FileAccess.Write))
        {
        }

        OwnerOnly.ModeText(fresh).Should().Be("0600");
        OwnerOnly.ModeText(existing).Should().Be("0640");
    }

    [Fact]
    public async Task Replacing_a_file_leaves_the_new_content_as_0600_and_no_temporary_file()
    {
        var path = _dir.Write("export.json", "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        await OwnerOnly.ReplaceAsync(path, Encoding.UTF8.GetBytes("new"), durable: true, CancellationToken.None);
        OwnerOnly.Replace(_dir.Combine("key.pem"), "key"u8);

        File.ReadAllText(path).Should().Be("new");
        OwnerOnly.ModeText(path).Should().Be("0600", "the old file's looser mode is not carried over");
        OwnerOnly.ModeText(_dir.Combine("key.pem")).Should().Be("0600");
        Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Should().BeEquivalentTo(["export.json", "key.pem"]);
    }

    [Fact]
    public async Task Replacing_into_a_missing_directory_fails_with_the_io_error_and_leaves_nothing()
    {
        var path = _dir.Combine("missing", "export.json");

        var replace = () => OwnerOnly.ReplaceAsync(path, Encoding.UTF8.GetBytes("new"), durable: false, CancellationToken.None);

        await replace.Should().ThrowAsync<DirectoryNotFoundException>();
        Directory.Exists(_dir.Combine("missing")).Should().BeFalse();
    }

    [Fact]
    public void Setting_a_directory_tightens_an_existing_one_or_leaves_it_traversable_when_asked()
    {
        var data = _dir.Combine("data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, (UnixFileMode)Convert.ToInt32("755", 8));
        var runtime = _dir.Combine("run", "nested");

        OwnerOnly.SetDirectory(data, traversable: true);
        OwnerOnly.SetDirectory(runtime);

        OwnerOnly.ModeText(data).Should().Be("0711");
        OwnerOnly.ModeText(runtime).Should().Be("0700");
    }
}
