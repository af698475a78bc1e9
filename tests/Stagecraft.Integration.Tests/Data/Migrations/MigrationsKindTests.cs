using Stagecraft.Local.Kinds.Migrations;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data.Migrations;

public sealed class MigrationsKindTests
{
    [Theory]
    [InlineData(null, "migrations/*.sql")]
    [InlineData("db/migrations", "db/migrations/*.sql")]
    [InlineData("./db/../sql/", "sql/*.sql")]
    public void Migration_files_are_part_of_the_fingerprint(string? directory, string expected)
    {
        using var project = new TempDirectory();
        var settings = new Settings().Scalar("database", "sqlite:app.db");
        if (directory is not null)
        {
            settings.Scalar("directory", directory);
        }

        new MigrationsKind().InputPatterns(settings.Build(), project.Path).Should().Equal(expected);
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("1.0", "1")]
    [InlineData("2_1", "2.1")]
    [InlineData("010", "10")]
    [InlineData("20240501120000", "20240501120000")]
    public void Versions_are_normalised(string text, string normalised) =>
        MigrationVersion.TryParse(text)!.Text.Should().Be(normalised);

    [Fact]
    public void Versions_compare_as_numbers_part_by_part()
    {
        var ordered = new[] { "10", "2", "1.10", "1.9", "1" }.Select(v => MigrationVersion.TryParse(v)!).Order().Select(v => v.Text);

        ordered.Should().Equal("1", "1.9", "1.10", "2", "10");
    }

    [Fact]
    public async Task A_database_that_is_neither_sqlite_nor_postgres_is_refused_without_echoing_it()
    {
        using var project = new TempDirectory();
        project.Write("migrations/V1__a.sql", "SELECT 1;");
        var settings = new Settings().Scalar("database", "mysql://root:hunter22@db/app").Build();

        var act = () => new KindHarness(project.Path).ApplyAsync(new MigrationsKind(), settings);

        (await act.Should().ThrowAsync<Core.Kinds.StageFailedException>()).Which.Message.Should().Contain("'mysql:…'").And.NotContain("hunter22");
    }
}
