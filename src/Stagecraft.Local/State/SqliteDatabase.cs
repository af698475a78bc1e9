namespace Stagecraft.Local.State;

/// <summary>
/// One state file: creates it on the first write (owner-only, WAL, current schema) and runs each
/// operation on its own pooled connection in one transaction. Reads of a file that does not exist
/// touch nothing on disk.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    /// <summary>
    /// Per-connection settings, run on every open (repeating them on a pooled connection is cheap).
    /// busy_timeout: how long a statement waits for another process's write lock before failing.
    /// synchronous=NORMAL: in WAL mode a commit survives a crash of the process (kill -9) and stays
    /// consistent; only a power loss may drop the last commits, which a resumed deploy redoes. It
    /// saves an fsync per stage, which sits on the critical path of every dependency chain.
    /// </summary>
    private const string ConnectionPragmas = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _initGate = new(1, 1);

    // SQLite allows one writer at a time; queuing our own writers here is cheaper than its busy-wait.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile bool _ready;

    public SqliteDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,

            // Never ReadWriteCreate: only OwnerOnly creates the file, with the right mode.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Runs <paramref name="work"/> in a read transaction (one consistent snapshot), or returns <paramref name="whenMissing"/> if there is no file.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteTransaction, CancellationToken, Task<T>> work, Func<T> whenMissing, CancellationToken cancellationToken)
    {
        try
        {
            if (!await EnsureReadyAsync(create: false, cancellationToken).ConfigureAwait(false))
            {
                return whenMissing();
            }

            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: true);
            var result = await work(transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (SqliteException error) when (StateFileErrors.IsAboutTheFile(error))
        {
            throw StateFileErrors.From(Path, error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw StateFileErrors.FromFileSystem(Path, error);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction, creating the file first if needed.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WriteCoreAsync(create: true, work, () => throw new InvalidOperationException("unreachable: the file is created"), cancellationToken);

    /// <summary>A write that means nothing without existing state (heartbeat, release): <paramref name="whenMissing"/> if there is no file.</summary>
    public Task<T> UpdateAsync<T>(Func<SqliteTransaction, CancellationToken, Task<T>> work, Func<T> whenMissing, CancellationToken cancellationToken) =>
        WriteCoreAsync(create: false, work, whenMissing, cancellationToken);

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal/-shm) open; close them so the directory can go.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initGate.Dispose();
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<T> WriteCoreAsync<T>(bool create, Func<SqliteTransaction, CancellationToken, Task<T>> work, Func<T> whenMissing, CancellationToken cancellationToken)
    {
        try
        {
            if (!await EnsureReadyAsync(create, cancellationToken).ConfigureAwait(false))
            {
                return whenMissing();
            }

            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

                // Not deferred = BEGIN IMMEDIATE: the write lock is taken before the first read, so a
                // read-then-decide (the lock, the next seq) cannot interleave with another writer.
                await using var transaction = connection.BeginTransaction(deferred: false);
                var result = await work(transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            finally
            {
                _writeGate.Release();
            }
        }
        catch (SqliteException error) when (StateFileErrors.IsAboutTheFile(error))
        {
            // The transaction rolled back: nothing of this write was kept.
            throw StateFileErrors.From(Path, error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw StateFileErrors.FromFileSystem(Path, error);
        }
    }

    /// <summary>
    /// Makes sure the file exists with the current schema; false when it does not exist and
    /// <paramref name="create"/> is false. An existing file is migrated even for a read: it is
    /// already on disk, and the queries need the current tables.
    /// </summary>
    private async Task<bool> EnsureReadyAsync(bool create, CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return true;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return true;
            }

            if (!File.Exists(Path))
            {
                if (!create)
                {
                    return false;
                }

                OwnerOnly.EnsureFile(Path);
            }
            else
            {
                OwnerOnly.Restrict(Path);
            }

            await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                // Persistent in the file; lets readers (status, history) run beside a deploy.
                await using (var wal = connection.CreateCommand())
                {
                    wal.CommandText = "PRAGMA journal_mode = WAL";
                    await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using var transaction = connection.BeginTransaction(deferred: false);
                await SqliteSchema.MigrateAsync(transaction, Path, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            // SQLite gives these the database file's mode; this only matters if someone loosened it.
            OwnerOnly.Restrict(Path + "-wal");
            OwnerOnly.Restrict(Path + "-shm");
            _ready = true;
            return true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = ConnectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
