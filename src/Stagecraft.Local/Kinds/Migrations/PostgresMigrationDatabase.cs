using System.Buffers.Binary;
using Npgsql;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// A PostgreSQL database. A session advisory lock keyed by the history table keeps concurrent runs
/// apart; each migration and its history row commit in one transaction (PostgreSQL DDL is transactional).
/// </summary>
internal sealed class PostgresMigrationDatabase(string connectionString, string display, HistoryTable table) : IMigrationDatabase
{
    private readonly HistoryTable _table = table;
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    public string Display { get; } = display;

    private NpgsqlConnection Connection => _connection ?? throw new InvalidOperationException("not open");

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        _connection = new NpgsqlConnection(connectionString);
        try
        {
            await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw PostgresErrors.CannotConnect(Display, ex);
        }
    }

    public async Task<IReadOnlyList<AppliedMigration>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var rows = new List<AppliedMigration>();
        await using (var exists = Command("SELECT to_regclass(@name) IS NOT NULL"))
        {
            exists.Parameters.AddWithValue("name", _table.Quoted);
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
            {
                return rows;
            }
        }

        await using var command = Command($"SELECT {HistoryColumns.Select} FROM {_table.Quoted} ORDER BY installed_rank");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new AppliedMigration(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5), TimeSpan.FromMilliseconds(reader.GetInt64(6)), reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }

        return rows;
    }

    public async Task<IAsyncDisposable> LockAsync(IStageLog log, CancellationToken cancellationToken)
    {
        var key = LockKey(_table);
        await using (var attempt = Command("SELECT pg_try_advisory_lock(@key)"))
        {
            attempt.Parameters.AddWithValue("key", key);
            if (await attempt.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new AdvisoryLock(this, key);
            }
        }

        log.Line($"another run is migrating {Display}; waiting for it to finish");
        log.Status("waiting for another migration run");
        await using var wait = Command("SELECT pg_advisory_lock(@key)");
        wait.Parameters.AddWithValue("key", key);
        await wait.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new AdvisoryLock(this, key);
    }

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        _transaction = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var create = Command($"CREATE TABLE IF NOT EXISTS {_table.Quoted} {HistoryColumns.Postgres}");
        await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ExecuteAsync(MigrationScript script, CancellationToken cancellationToken)
    {
        foreach (var statement in PostgresScriptSplitter.Split(script.Text))
        {
            if (TransactionControl.Is(statement.Text))
            {
                throw new MigrationScriptException(statement.Line, "transaction control is not allowed in a migration: each file runs in one transaction that Stagecraft commits", statement.Text);
            }

            await using var command = Command(statement.Text);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Position is 1-based, in characters of the statement as sent.
                var line = ex.Position > 0 ? statement.Line + SqlText.LineOf(statement.Text, ex.Position - 1) - 1 : statement.Line;
                throw new MigrationScriptException(line, PostgresErrors.Describe(ex), statement.Text, ex);
            }
        }
    }

    public async Task RecordAsync(AppliedMigration migration, CancellationToken cancellationToken)
    {
        await using var command = Command($"INSERT INTO {_table.Quoted} ({HistoryColumns.Select}) VALUES (@version, @description, @script, @checksum, @by, @at, @ms, @run)");
        command.Parameters.AddWithValue("version", migration.Version);
        command.Parameters.AddWithValue("description", migration.Description);
        command.Parameters.AddWithValue("script", migration.Script);
        command.Parameters.AddWithValue("checksum", migration.Checksum);
        command.Parameters.AddWithValue("by", migration.InstalledBy);
        command.Parameters.AddWithValue("at", migration.InstalledAt.ToUniversalTime());
        command.Parameters.AddWithValue("ms", (long)migration.Duration.TotalMilliseconds);
        command.Parameters.AddWithValue("run", (object?)migration.RunId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _transaction.DisposeAsync().ConfigureAwait(false);
        _transaction = null;
    }

    public async Task RollbackAsync()
    {
        if (_transaction is null)
        {
            return;
        }

        try
        {
            await _transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection is broken; the server rolls back when it goes.
        }

        await _transaction.DisposeAsync().ConfigureAwait(false);
        _transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync().ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private NpgsqlCommand Command(string sql) => new(sql, Connection, _transaction) { CommandTimeout = 0 };

    /// <summary>One lock per history table and database; the same key in every stagecraft process.</summary>
    internal static long LockKey(HistoryTable table) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("stagecraft-migrations\0" + table.Name)));

    private sealed class AdvisoryLock(PostgresMigrationDatabase database, long key) : IAsyncDisposable
    {
        private readonly PostgresMigrationDatabase _database = database;
        private readonly long _key = key;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _database.RollbackAsync().ConfigureAwait(false);
                await using var unlock = _database.Command("SELECT pg_advisory_unlock(@key)");
                unlock.Parameters.AddWithValue("key", _key);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // A session lock ends with the connection, which is closed next.
            }
        }
    }
}
