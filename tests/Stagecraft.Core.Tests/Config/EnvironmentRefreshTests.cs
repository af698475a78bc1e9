using Stagecraft.Core.Diagnostics;
using Stagecraft.TestSupport;

namespace Stagecraft.Core.Tests.Config;

/// <summary>'refresh: true' on an environment: read as a boolean, false by default, anything else a located error.</summary>
public sealed class EnvironmentRefreshTests : IDisposable
{
    private readonly ProjectHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static string Project(string refresh) => $$"""
        project: shop
        environments:
          dev: { target: local{{refresh}} }
          prod: { target: local }
        stages:
          web: { kind: fake }
        """;

    [Fact]
    public void Refresh_is_read_per_environment_and_off_by_default()
    {
        var project = _harness.Parse(Project(", refresh: true"));

        project.Environments.Single(e => e.Name == "dev").Refresh.Should().BeTrue();
        project.Environments.Single(e => e.Name == "prod").Refresh.Should().BeFalse();
    }

    [Fact]
    public void A_refresh_that_is_not_a_boolean_is_an_error_at_its_value()
    {
        var parse = () => _harness.Parse(Project(", refresh: often"));

        var error = parse.Should().Throw<InvalidInputException>().Which.Diagnostics.Single();
        error.Location.Line.Should().Be(3);
        error.Message.Should().Contain("refresh");
    }
}
