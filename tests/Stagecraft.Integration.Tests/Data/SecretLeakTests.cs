using System.Text;
using Stagecraft.Integration.Tests.Data.Migrations;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data;

/// <summary>
/// The security invariant end to end: a project whose stages use a secret (a parameters stage and a
/// PostgreSQL migrations stage connecting with it) is deployed, re-planned, inspected and made to
/// fail through the real CLI; then every file Stagecraft wrote and everything it printed is searched
/// for the secret in plain, base64 and URL-encoded form.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SecretLeakTests : IDisposable
{
    // '@', '/', ':' and '+' make the URL-encoded form differ from the plain one; no quote, so it can be a role password.
    private const string Secret = "Pa55+w0rd/with:special@chars";
    private readonly PostgresServer _server;
    private readonly TempDirectory _project = new("stagecraft-leak");
    private readonly TempDirectory _home = new("stagecraft-leak-home");
    private readonly CliHarness _cli;

    public SecretLeakTests(PostgresServer server)
    {
        _server = server;
        _cli = new CliHarness(Path.Combine(_home.Path, "keys"));
    }

    [Fact]
    public async Task A_secret_used_by_a_deploy_appears_in_no_file_stagecraft_wrote_and_nothing_it_printed()
    {
        var role = "leak_" + Guid.NewGuid().ToString("N")[..8];
        await _server.CreateRoleAsync(role, Secret);
        var database = await _server.CreateDatabaseAsync(owner: role);
        _project.Write("migrations/V1__notes.sql", MigrationFiles.Notes);
        _project.Write("stagecraft.yml", $$"""
            project: leaky
            environments:
              local: { target: local }
            stages:
              common:
                kind: parameters
                path: /leaky/${environment}/common/
                values:
                  db_password: "${secret:db_password}"
                  db_url: "postgres://{{role}}:${secret:db_password}@127.0.0.1:{{_server.Port}}/{{database}}"
                  region: local
              schema:
                kind: migrations
                depends_on: [common]
                database: "postgres://{{role}}@127.0.0.1:{{_server.Port}}/{{database}}"
                password: "${secret:db_password}"
            """);
        var file = _project.Combine("stagecraft.yml");

        (await _cli.RunAsync(Secret + "\n", "secret", "set", "db_password", "-f", file)).Exit.Should().Be(0);
        (await _cli.RunAsync(null, "validate", "-f", file)).Exit.Should().Be(0);
        (await _cli.RunAsync(null, "plan", "-f", file)).Exit.Should().Be(0);
        var deploy = await _cli.RunAsync(null, "deploy", "-f", file, "--yes");
        deploy.Exit.Should().Be(0, deploy.ToString());
        (await _cli.RunAsync(null, "plan", "-f", file, "--json")).Exit.Should().Be(0);
        (await _cli.RunAsync(null, "status", "-f", file)).Exit.Should().Be(0);
        var outputs = await _cli.RunAsync(null, "outputs", "-f", file, "--json");
        outputs.Out.Should().Contain("\"schema_version\": \"1\"").And.Contain("/leaky/local/common/db_url");
        (await _cli.RunAsync(null, "history", "-f", file)).Exit.Should().Be(0);
        (await _cli.RunAsync(null, "show", "1", "-f", file)).Exit.Should().Be(0);
        (await _cli.RunAsync(null, "param", "list", "-f", file)).Out.Should().Contain("/leaky/local/common/db_password = ****");
        (await _cli.RunAsync(null, "param", "get", "/leaky/local/common/db_url", "--json", "-f", file)).Exit.Should().Be(0);
        (await _cli.RunAsync(null, "secret", "list", "-f", file)).Out.Should().Contain("db_password");
        (await _server.ScalarAsync<long>(database, "SELECT count(*) FROM stagecraft_schema_history")).Should().Be(1);

        // A failing migration: error paths print database errors and connection details.
        _project.Write("migrations/V2__broken.sql", MigrationFiles.Broken);
        var failed = await _cli.RunAsync(null, "deploy", "-f", file, "--yes");
        failed.Exit.Should().Be(1, failed.ToString());
        failed.Out.Should().Contain("V2__broken.sql:6");

        var forms = new[] { Secret, Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret)), Uri.EscapeDataString(Secret) };
        var written = Directory.EnumerateFiles(_project.Combine(".stagecraft"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(_home.Path, "*", SearchOption.AllDirectories))
            .ToList();
        written.Should().Contain(f => f.EndsWith("local.params.db", StringComparison.Ordinal))
            .And.Contain(f => f.EndsWith("local.secrets.db", StringComparison.Ordinal))
            .And.Contain(f => f.EndsWith(".log", StringComparison.Ordinal))
            .And.Contain(f => f.EndsWith("leaky-local.key", StringComparison.Ordinal));
        foreach (var path in written)
        {
            var content = Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path));
            foreach (var form in forms)
            {
                content.Should().NotContain(form, $"{path} must not hold the secret");
            }
        }

        foreach (var printed in _cli.Transcript)
        {
            foreach (var form in forms)
            {
                printed.Should().NotContain(form);
            }
        }
    }

    public void Dispose()
    {
        _project.Dispose();
        _home.Dispose();
    }
}
