using Microsoft.Data.Sqlite;
using Stagecraft.Integration.Tests.Data;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Drift;

/// <summary>
/// 'drift', 'plan --refresh' and 'deploy --refresh' through the CLI on the local kinds, with what the
/// stages made deleted or edited out of band: a parameter, a file a command's check looks for, a
/// migration's checksum in the history table.
/// </summary>
public sealed class LocalDriftTests : IDisposable
{
    private const string Token = "tok-5544-secret";
    private readonly TempDirectory _project = new("stagecraft-drift");
    private readonly TempDirectory _home = new("stagecraft-drift-home");
    private readonly CliHarness _cli;
    private readonly string _file;

    public LocalDriftTests()
    {
        _cli = new CliHarness(Path.Combine(_home.Path, "keys"));
        _file = _project.Combine("stagecraft.yml");
        _project.Write("migrations/V1__notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n");
        Write(refresh: false);
    }

    public void Dispose()
    {
        _project.Dispose();
        _home.Dispose();
    }

    private void Write(bool refresh) => _project.Write("stagecraft.yml", $$"""
        project: drift
        environments:
          local:
            target: local
            refresh: {{(refresh ? "true" : "false")}}
        stages:
          params:
            kind: parameters
            path: /drift/local/
            values: { host: 10.0.0.5, token: {{Token}} }
            secure: [token]
          consumer:
            kind: command
            run: ["true"]
            env: { HOST: "${stages.params.outputs.host}" }
          marker:
            kind: command
            run: ["touch", "made.txt"]
            check: ["test", "-f", "made.txt"]
          db:
            kind: migrations
            database: sqlite:data/app.db
          gate:
            kind: manual
            instructions: Nothing to do.
        """);

    private Task<CliResult> RunAsync(params string[] args) => _cli.RunAsync(null, [.. args, "-f", _file]);

    private async Task DeployAsync()
    {
        (await _cli.RunAsync(null, "approve", "gate", "-f", _file)).Exit.Should().Be(0);
        var deploy = await RunAsync("deploy", "--yes");
        deploy.Exit.Should().Be(0, deploy.ToString());
    }

    [Fact]
    public async Task Everything_deployed_and_untouched_is_in_sync_and_one_shot_stages_are_unchecked()
    {
        await DeployAsync();

        var drift = await RunAsync("drift");

        drift.Exit.Should().Be(0, drift.ToString());
        drift.Out.Should().MatchRegex(@"params\s+parameters\s+in sync").And.MatchRegex(@"marker\s+command\s+in sync").And.MatchRegex(@"db\s+migrations\s+in sync");
        drift.Out.Should().MatchRegex(@"consumer\s+command\s+unchecked\s+no 'check' command").And.MatchRegex(@"gate\s+manual\s+unchecked\s+one-shot");
        drift.Out.Should().Contain("3 in sync, 2 unchecked.");
    }

    [Fact]
    public async Task A_deleted_parameter_and_a_failing_check_are_drifted_and_deploy_refresh_repairs_them()
    {
        await DeployAsync();
        (await _cli.RunAsync(null, "param", "delete", "/drift/local/host", "-f", _file)).Exit.Should().Be(0);
        File.Delete(_project.Combine("made.txt"));

        var drift = await RunAsync("drift");

        drift.Exit.Should().Be(10, drift.ToString());
        drift.Out.Should().MatchRegex(@"params\s+parameters\s+drifted\s+/drift/local/host was deleted");
        drift.Out.Should().MatchRegex(@"marker\s+command\s+drifted\s+'test' exited with code 1");
        var json = await RunAsync("drift", "--json");
        json.Exit.Should().Be(10);
        json.Out.Should().Contain("\"status\": \"drifted\"").And.Contain("\"stage\": \"params\"");

        var offline = await RunAsync("plan");
        offline.Out.Should().Contain("No changes", "the default plan does not look at what exists");

        var plan = await RunAsync("plan", "--refresh");
        plan.Exit.Should().Be(0, plan.ToString());
        plan.Out.Should().MatchRegex(@"params\s+parameters\s+update\s+drifted: /drift/local/host was deleted");
        plan.Out.Should().MatchRegex(@"marker\s+command\s+update\s+drifted: 'test' exited with code 1");
        plan.Out.Should().MatchRegex(@"consumer\s+command\s+pending\s+known after params deploys");
        plan.Out.Should().Contain("Refreshed: 2 drifted");

        var deploy = await RunAsync("deploy", "--refresh", "--yes");
        deploy.Exit.Should().Be(0, deploy.ToString());
        File.Exists(_project.Combine("made.txt")).Should().BeTrue();
        var get = await _cli.RunAsync(null, "param", "get", "/drift/local/host", "-f", _file);
        get.Out.Should().Contain("10.0.0.5");

        var after = await RunAsync("drift");
        after.Exit.Should().Be(0, after.ToString());
    }

    [Fact]
    public async Task A_secure_value_changed_by_hand_is_drifted_without_printing_either_value()
    {
        await DeployAsync();
        (await _cli.RunAsync("changed-by-hand-999\n", "param", "put", "/drift/local/token", "--secure", "-f", _file)).Exit.Should().Be(0);

        var drift = await RunAsync("drift");

        drift.Exit.Should().Be(10, drift.ToString());
        drift.Out.Should().Contain("/drift/local/token has another value (secure, not shown)");
        string.Join("\n", _cli.Transcript).Should().NotContain("changed-by-hand-999").And.NotContain(Token);
    }

    [Fact]
    public async Task A_checksum_edited_in_the_history_table_is_drifted_and_the_plan_says_a_redeploy_cannot_repair_it()
    {
        await DeployAsync();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _project.Combine("data/app.db"), Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE stagecraft_schema_history SET checksum = 'edited0000000000' WHERE version = '1'";
            (await update.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var drift = await RunAsync("drift");

        drift.Exit.Should().Be(10, drift.ToString());
        drift.Out.Should().MatchRegex(@"db\s+migrations\s+drifted\s+checksum of version 1 in the history table is edited000000").And.Contain("a redeploy cannot repair this");
        var plan = await RunAsync("plan", "--refresh");
        plan.Out.Should().MatchRegex(@"db\s+migrations\s+no-change\s+drifted: .*; a redeploy cannot repair this: .*restore the row");
    }

    [Fact]
    public async Task A_deleted_database_is_gone_and_planned_as_create_when_the_environment_says_refresh()
    {
        await DeployAsync();
        File.Delete(_project.Combine("data/app.db"));
        Write(refresh: true);

        var plan = await RunAsync("plan");

        plan.Out.Should().MatchRegex(@"db\s+migrations\s+create\s+drifted: the database file data/app.db does not exist");
        var deploy = await RunAsync("deploy", "--yes");
        deploy.Exit.Should().Be(0, deploy.ToString());
        File.Exists(_project.Combine("data/app.db")).Should().BeTrue();
        (await RunAsync("drift")).Exit.Should().Be(0);
    }

    [Fact]
    public async Task A_check_that_cannot_run_exits_1_even_beside_a_drifted_stage()
    {
        _project.Write("stagecraft.yml", """
            project: drift
            stages:
              broken:
                kind: command
                run: ["true"]
                check: ["no-such-checker-h12"]
              marker:
                kind: command
                run: ["touch", "made.txt"]
                check: ["test", "-f", "made.txt"]
            """);
        (await RunAsync("deploy", "--yes")).Exit.Should().Be(0);
        File.Delete(_project.Combine("made.txt"));

        var drift = await RunAsync("drift");

        drift.Exit.Should().Be(1, drift.ToString());
        drift.Out.Should().MatchRegex(@"broken\s+command\s+could not check\s+program 'no-such-checker-h12' was not found");
        drift.Out.Should().MatchRegex(@"marker\s+command\s+drifted");
        var plan = await RunAsync("plan", "--refresh");
        plan.Exit.Should().Be(0, plan.ToString());
        plan.Out.Should().Contain("warning: could not check drift of broken").And.MatchRegex(@"marker\s+command\s+update\s+drifted:");
    }
}
