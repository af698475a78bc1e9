using SQLitePCL;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// A SQLite database file. Runs are serialised by taking an exclusive transaction per migration
/// and re-reading the history inside it, so two runs never apply the same file twice.
/// </summary>
internal sealed class SqliteMigrationDatabase(string path, string display, HistoryTable table, TimeSpan busyTimeout) : IMigrationDatabase
{
    private readonly HistoryTable _table = table;
    private static readonly TimeSpan AttemptWait = TimeSpan.FromMilliseconds(100);
    private SqliteConnection? _connection;

    public string Display { get; } = display;

    private SqliteConnection Connection => _connection ?? throw new InvalidOperationException("not open");

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 1, // seconds of Microsoft.Data.Sqlite's own busy retries; longer waits go through WhileBusyAsync
        };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync($"PRAGMA busy_timeout = {(long)AttemptWait.TotalMilliseconds}", cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new StageFailedException($"cannot open the SQLite database {Display}: {ex.Message}", inner: ex);
        }
    }

    // Outside a transaction the read waits for another run's exclusive one like BEGIN does.
    public Task<IReadOnlyList<AppliedMigration>> ReadHistoryAsync(CancellationToken cancellationToken) =>
        WhileBusyAsync(ReadHistoryOnceAsync, cancellationToken);

    private async Task<IReadOnlyList<AppliedMigration>> ReadHistoryOnceAsync(CancellationToken cancellationToken)
    {
        var rows = new List<AppliedMigration>();
        await using (var exists = Connection.CreateCommand())
        {
            exists.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
            exists.Parameters.AddWithValue("$name", _table.Table);
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                return rows;
            }
        }

        await using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT {HistoryColumns.Select} FROM {_table.Quoted} ORDER BY installed_rank";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new AppliedMigration(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(reader.GetInt64(6)),
                reader.IsDBNull(7) ? null : reader.GetInt64(7)));
        }

        return rows;
    }

    // The exclusive transaction of each migration is the lock; nothing to hold across them.
    public Task<IAsyncDisposable> LockAsync(IStageLog log, CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        await WhileBusyAsync(async ct =>
        {
            await ExecuteAsync("BEGIN EXCLUSIVE", ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync($"CREATE TABLE IF NOT EXISTS {_table.Quoted} {HistoryColumns.Sqlite}", cancellationToken).ConfigureAwait(false);
    }

    public Task ExecuteAsync(MigrationScript script, CancellationToken cancellationToken)
    {
        var handle = Connection.Handle!;
        using var interrupt = cancellationToken.Register(() => raw.sqlite3_interrupt(handle));
        SqliteScriptRunner.Run(handle, script, cancellationToken);
        return Task.CompletedTask;
    }

    public async Task RecordAsync(AppliedMigration migration, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = $"INSERT INTO {_table.Quoted} ({HistoryColumns.Select}) VALUES ($version, $description, $script, $checksum, $by, $at, $ms, $run)";
        command.Parameters.AddWithValue("$version", migration.Version);
        command.Parameters.AddWithValue("$description", migration.Description);
        command.Parameters.AddWithValue("$script", migration.Script);
        command.Parameters.AddWithValue("$checksum", migration.Checksum);
        command.Parameters.AddWithValue("$by", migration.InstalledBy);
        command.Parameters.AddWithValue("$at", migration.InstalledAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$ms", (long)migration.Duration.TotalMilliseconds);
        command.Parameters.AddWithValue("$run", (object?)migration.RunId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => ExecuteAsync("COMMIT", cancellationToken);

    public async Task RollbackAsync()
    {
        if (_connection?.Handle is { } handle && raw.sqlite3_get_autocommit(handle) == 0)
        {
            try
            {
                await ExecuteAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
            }
            catch (SqliteException)
            {
                // SQLite may already have rolled back after the error; the connection closes next anyway.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for another connection's lock in short attempts, so Ctrl-C and the stage's timeout are
    /// seen within about a second: SQLite's own busy wait cannot be interrupted.
    /// </summary>
    private async Task<T> WhileBusyAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == raw.SQLITE_BUSY && waited.Elapsed < busyTimeout)
            {
                await Task.Delay(AttemptWait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
