using Stagecraft.TestSupport;
using Stagecraft.Integration.Tests.Support;

namespace Stagecraft.Integration.Tests.Data.Migrations;

/// <summary>The migrations contract against a real PostgreSQL server, connecting with a password.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests : MigrationContractTests
{
    private readonly PostgresServer _server;
    private string _database = "";

    public PostgresMigrationTests(PostgresServer server)
    {
        _server = server;
    }

    protected override int FailureLine => 6;

    protected override string FailureText => "42703: column \"oops\" does not exist";

    protected override string SlowStatement => "SELECT pg_sleep(0.1);";

    protected override string? Password => _server.AppPassword;

    [Fact]
    public async Task A_run_waits_for_the_advisory_lock_another_run_holds()
    {
        Write("V1__notes.sql", MigrationFiles.Notes);
        var key = Local.Kinds.Migrations.PostgresMigrationDatabase.LockKey(Local.Kinds.Migrations.HistoryTable.Parse(Local.Kinds.Migrations.HistoryTable.Default, true));
        await using var holder = await _server.ConnectAsync(_database);
        await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({key})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var harness = Harness();
        var run = harness.ApplyAsync(new Local.Kinds.Migrations.MigrationsKind(), Settings());
        await Eventually.TrueAsync(() => harness.Log.Lines.Any(l => l.Contains("another run is migrating", StringComparison.Ordinal)), "the run to wait for the lock");
        run.IsCompleted.Should().BeFalse();
        (await HistoryAsync()).Should().BeEmpty();

        await using (var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({key})", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        (await run)["schema_version"].Should().Be("1");
    }

    protected override async Task<string> CreateDatabaseAsync()
    {
        _database = await _server.CreateDatabaseAsync();
        return _server.Url(_database);
    }

    protected override async Task<IReadOnlyList<HistoryRow>> HistoryAsync()
    {
        if (!await TableExistsAsync("stagecraft_schema_history"))
        {
            return [];
        }

        await using var connection = await _server.ConnectAsync(_database);
        await using var command = new Npgsql.NpgsqlCommand("SELECT version, description, script, checksum, installed_by, installed_at, duration_ms, run_id FROM stagecraft_schema_history ORDER BY installed_rank", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<HistoryRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new HistoryRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }

        return rows;
    }

    protected override async Task<bool> TableExistsAsync(string table) =>
        await _server.ScalarAsync<bool>(_database, $"SELECT to_regclass('public.{table}') IS NOT NULL");

    protected override async Task<long> CountAsync(string table) =>
        await _server.ScalarAsync<long>(_database, $"SELECT count(*) FROM \"{table}\"");
}
