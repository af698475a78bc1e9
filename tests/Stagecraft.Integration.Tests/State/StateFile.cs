using Microsoft.Data.Sqlite;
using Stagecraft.Core.Secrets;
using Stagecraft.Local.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.State;

/// <summary>A state file in a fresh temp project: opens stores on it and looks at it behind their back.</summary>
internal sealed class StateFile : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("stagecraft-state");
    private readonly List<SqliteStateStore> _stores = [];

    public StateFile()
    {
        Path = _directory.Combine(".stagecraft", "local.db");
    }

    public string Path { get; }

    public string ProjectDirectory => _directory.Path;

    public string StateDirectory => System.IO.Path.GetDirectoryName(Path)!;

    public SqliteStateStore Open(IValueProtector? protector = null, TimeProvider? time = null)
    {
        var store = new SqliteStateStore(Path, "sqlite .stagecraft/local.db", protector, time ?? TimeProvider.System);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    /// <summary>Runs SQL on its own unpooled connection (for triggers, pragmas and raw reads).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public Task ExecuteAsync(string sql) => ScalarAsync(sql);

    /// <summary>The raw bytes of the database and of its -wal and -shm files, as far as they exist.</summary>
    public byte[] RawBytes()
    {
        var bytes = new List<byte>();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            if (File.Exists(file))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes.AddRange(copy.ToArray());
            }
        }

        return [.. bytes];
    }

    public bool RawBytesContain(string text) => RawBytes().AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _directory.Dispose();
    }
}
