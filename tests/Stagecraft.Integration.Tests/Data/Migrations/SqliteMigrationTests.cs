using System.Globalization;
using Microsoft.Data.Sqlite;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data.Migrations;

/// <summary>The migrations contract against a SQLite file inside the project.</summary>
public sealed class SqliteMigrationTests : MigrationContractTests
{
    protected override int FailureLine => 4;

    protected override string FailureText => "no such column: oops";

    // Counting to a few hundred thousand keeps a transaction open for a moment.
    protected override string SlowStatement => "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000) SELECT count(*) FROM c;";

    private string DatabaseFile => Project.Combine("data", "app.db");

    [Fact]
    public async Task The_database_path_is_relative_to_the_project_and_its_directory_is_created()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);

        await Harness().ApplyAsync(new Local.Kinds.Migrations.MigrationsKind(), Settings());

        File.Exists(DatabaseFile).Should().BeTrue();
    }

    [Fact]
    public async Task A_database_path_outside_the_project_is_refused()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        var settings = new Settings().Scalar("database", "sqlite:../elsewhere.db").Build();

        var act = () => Harness().ApplyAsync(new Local.Kinds.Migrations.MigrationsKind(), settings);

        (await act.Should().ThrowAsync<Core.Diagnostics.StagecraftException>()).Which.Message.Should().Contain("outside the project");
    }

    [Fact]
    public async Task A_run_waits_while_another_connection_holds_an_exclusive_transaction()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        await using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ToString());
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var run = Task.Run(() => Harness().ApplyAsync(new Local.Kinds.Migrations.MigrationsKind(), Settings()));

        // Once the run has the file open it cannot finish before the other transaction ends.
        await Eventually.TrueAsync(() => run.IsCompleted || LockWaits.OpenCount(DatabaseFile) > 1, "the run to open the locked database");
        run.IsCompleted.Should().BeFalse("the database is locked by the other transaction");

        await using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        (await run)["schema_version"].Should().Be("1");
    }

    [Fact]
    public async Task Ctrl_C_is_seen_at_once_while_another_connection_holds_the_database()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabaseFile)!);
        await using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ToString());
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        using var interrupt = new CancellationTokenSource();
        var run = Task.Run(() => Harness().ApplyAsync(new Local.Kinds.Migrations.MigrationsKind(), Settings(), cancellationToken: interrupt.Token));

        // Ctrl-C once the run is at the locked database, not after a guessed delay.
        await Eventually.TrueAsync(() => run.IsCompleted || LockWaits.OpenCount(DatabaseFile) > 1, "the run to open the locked database");
        await interrupt.CancelAsync();

        // The stage's 30 min timeout would end the wait with a stage failure (and outlast the test's guard), not a cancellation.
        var act = () => run;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult("sqlite:data/app.db");

    protected override async Task<IReadOnlyList<HistoryRow>> HistoryAsync()
    {
        if (!await TableExistsAsync("stagecraft_schema_history"))
        {
            return [];
        }

        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, description, script, checksum, installed_by, installed_at, duration_ms, run_id FROM stagecraft_schema_history ORDER BY installed_rank";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<HistoryRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new HistoryRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }

        return rows;
    }

    protected override async Task<bool> TableExistsAsync(string table)
    {
        if (!File.Exists(DatabaseFile))
        {
            return false;
        }

        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    protected override async Task<long> CountAsync(string table)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
