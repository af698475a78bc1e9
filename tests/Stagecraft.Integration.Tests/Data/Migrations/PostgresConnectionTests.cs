using Stagecraft.Core.Kinds;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Kinds.Migrations;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data.Migrations;

/// <summary>Wrong credentials or no server: a clear error, no password in it, and nothing recorded as applied.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConnectionTests : IDisposable
{
    private readonly PostgresServer _server;
    private readonly TempDirectory _project = new("stagecraft-pg-connect");

    public PostgresConnectionTests(PostgresServer server)
    {
        _server = server;
        _project.Write("migrations/V1__notes.sql", MigrationFiles.Notes);
    }

    [Fact]
    public async Task A_wrong_password_is_a_clear_error_and_nothing_is_applied()
    {
        var database = await _server.CreateDatabaseAsync();
        var settings = new Settings().Scalar("database", _server.Url(database)).Scalar("password", "not-the-password", sensitive: true).Build();

        var act = () => new KindHarness(_project.Path).ApplyAsync(new MigrationsKind(), settings);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Contain($"cannot connect to postgres://app@127.0.0.1:{_server.Port}/{database}").And.Contain("password authentication failed");
        failure.Message.Should().NotContain("not-the-password");
        failure.Hint.Should().Contain("password");
        (await _server.ScalarAsync<bool>(database, "SELECT to_regclass('public.stagecraft_schema_history') IS NOT NULL")).Should().BeFalse();
    }

    [Fact]
    public async Task A_server_that_is_down_is_a_clear_error()
    {
        var port = FreePort.Next();
        var settings = new Settings().Scalar("database", $"postgres://app@127.0.0.1:{port}/nothing").Scalar("password", "irrelevant-pw", sensitive: true).Build();

        var act = () => new KindHarness(_project.Path).ApplyAsync(new MigrationsKind(), settings);

        var failure = (await act.Should().ThrowAsync<StageFailedException>()).Which;
        failure.Message.Should().Be($"cannot connect to postgres://app@127.0.0.1:{port}/nothing: connection refused");
        failure.Hint.Should().Contain("running");
    }

    [Fact]
    public async Task A_password_written_into_the_url_is_masked_and_works()
    {
        var database = await _server.CreateDatabaseAsync();
        var harness = new KindHarness(_project.Path);
        var settings = new Settings().Scalar("database", $"postgres://app:{_server.AppPassword}@127.0.0.1:{_server.Port}/{database}").Build();

        var outputs = await harness.ApplyAsync(new MigrationsKind(), settings);

        outputs["schema_version"].Should().Be("1");
        harness.Masker.Apply("x " + _server.AppPassword).Should().Be("x ****");
        harness.Log.Lines.Should().NotContain(l => l.Contains(_server.AppPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Through_the_cli_a_wrong_password_fails_the_deploy_with_exit_1_and_nothing_is_recorded()
    {
        var database = await _server.CreateDatabaseAsync();
        using var keys = new TempDirectory("stagecraft-keys");
        var cli = new CliHarness(keys.Path);
        var file = _project.Write("stagecraft.yml", $$"""
            project: wrongpw
            stages:
              schema:
                kind: migrations
                database: "postgres://app@127.0.0.1:{{_server.Port}}/{{database}}"
                password: "${secret:db_password}"
            """);
        (await cli.RunAsync("definitely-wrong\n", "secret", "set", "db_password", "-f", file)).Exit.Should().Be(0);

        var deploy = await cli.RunAsync(null, "deploy", "-f", file, "--yes");

        deploy.Exit.Should().Be(1, deploy.ToString());
        deploy.Out.Should().Contain("password authentication failed");
        (await cli.RunAsync(null, "outputs", "-f", file, "--json")).Out.Should().NotContain("schema_version");
        (await _server.ScalarAsync<bool>(database, "SELECT to_regclass('public.stagecraft_schema_history') IS NOT NULL")).Should().BeFalse();
        cli.Transcript.Should().NotContain(t => t.Contains("definitely-wrong", StringComparison.Ordinal));
    }

    public void Dispose() => _project.Dispose();
}
