using Stagecraft.Cli.Hosting;

namespace Stagecraft.Integration.Tests.Packaging;

/// <summary>--version names the version and the commit of the build, and says "unknown" for a build made without git.</summary>
public sealed class VersionTextTests
{
    [Theory]
    [InlineData("1.2.3+5e8d01c2ec5bcd3f7a98de9a1efb76d288b67645", "stagecraft 1.2.3 (commit 5e8d01c2ec5bcd3f7a98de9a1efb76d288b67645)")]
    [InlineData("1.2.3", "stagecraft 1.2.3 (commit unknown)")]
    [InlineData("1.2.3+", "stagecraft 1.2.3 (commit unknown)")]
    public void Names_the_version_and_the_commit(string informationalVersion, string expected)
    {
        VersionAction.Describe(informationalVersion).Should().Be(expected);
    }
}
