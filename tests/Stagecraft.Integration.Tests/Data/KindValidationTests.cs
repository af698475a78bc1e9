using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Integration.Tests.Data;

/// <summary>'stagecraft validate' catches mistakes in the data kinds' literal settings, with their locations.</summary>
public sealed class KindValidationTests
{
    [Fact]
    public void Literal_mistakes_in_migrations_and_parameters_stages_are_reported_with_locations()
    {
        var act = () => ProjectLoader.Parse("""
            project: demo
            stages:
              schema:
                kind: migrations
                database: "mysql://db/app"
                table: "bad-name"
              common:
                kind: parameters
                path: demo/common
                values: { api_key: x }
                secure: [api_kye]
            """, "stagecraft.yml", Path.GetTempPath(), StagecraftCatalog.Create());

        var diagnostics = act.Should().Throw<InvalidInputException>().Which.Diagnostics;
        diagnostics.Select(d => (d.Location.Line, d.Message.Split(' ')[0])).Should().Contain([
            (5, "'database'"), (6, "'table'"), (9, "'path'"), (11, "'secure'")]);
    }
}
