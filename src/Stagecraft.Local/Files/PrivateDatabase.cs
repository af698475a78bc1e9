namespace Stagecraft.Local.Files;

/// <summary>
/// Opens one of Stagecraft's own small SQLite files (parameters, secrets): owner-only, WAL, busy
/// timeout, no pooling (so no handle outlives the command), and a schema created on first write.
/// </summary>
internal static class PrivateDatabase
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Opens an existing file for reading without creating it; null when it does not exist (nothing was ever written). Read-write: a read-only connection to a WAL database fails when its -wal and -shm files are absent, as they are after the last writer closed it.</summary>
    public static async Task<SqliteConnection?> OpenExistingAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return await OpenAsync(path, SqliteOpenMode.ReadWrite, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens the file for writing, creating it (0600) and its schema if needed.</summary>
    public static async Task<SqliteConnection> OpenForWriteAsync(string path, string schema, CancellationToken cancellationToken)
    {
        OwnerOnly.EnsureFile(path);
        return await OpenAsync(path, SqliteOpenMode.ReadWrite, schema, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SqliteConnection> OpenAsync(string path, SqliteOpenMode mode, string? schema, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
            if (schema is not null)
            {
                await ExecuteAsync(connection, schema, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
