using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Paths;

namespace Stagecraft.Core.Tests.Config;

public sealed class ProjectPathsTests
{
    private const string Project = "/work/shop";
    private static readonly SourceLocation Where = new("stagecraft.yml", 9, 16);

    [Theory]
    [InlineData("migrations", "/work/shop/migrations")]
    [InlineData("./app/../db/init.sql", "/work/shop/db/init.sql")]
    [InlineData("/work/shop/data", "/work/shop/data")]
    [InlineData(".", "/work/shop")]
    public void Paths_inside_the_project_resolve_to_full_paths(string path, string expected)
    {
        ProjectPaths.Resolve(Project, path, allowOutside: false, Where).Should().Be(expected);
    }

    [Theory]
    [InlineData("../other/secrets")]
    [InlineData("/etc/passwd")]
    [InlineData("/work/shop-other/file")]
    public void Paths_outside_the_project_are_refused_at_their_location(string path)
    {
        var resolve = () => ProjectPaths.Resolve(Project, path, allowOutside: false, Where);

        var error = resolve.Should().Throw<StagecraftException>().Which;
        error.Message.Should().Be($"stagecraft.yml:9:16: path '{path}' is outside the project directory");
        error.ExitCode.Should().Be(ExitCodes.InvalidInput);
        error.Hint.Should().Contain("allow_absolute_paths: true");
    }

    [Fact]
    public void Outside_paths_are_accepted_when_the_project_allows_them()
    {
        ProjectPaths.Resolve(Project, "/opt/tools/bin", allowOutside: true, Where).Should().Be("/opt/tools/bin");
    }
}
