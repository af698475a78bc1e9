using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>
/// One real PostgreSQL server for the test run: a fresh cluster in a temporary directory, listening
/// on 127.0.0.1 on a free port, password (SCRAM) authentication, stopped and removed at the end.
/// As root it runs as the 'postgres' user, since PostgreSQL refuses to run as root.
/// Tests get their own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Host = "127.0.0.1";
    public const string AdminUser = "postgres";
    public const string AppUser = "app";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private string _bin = "";
    private string _root = "";
    private bool _started;

    public int Port { get; private set; }

    public string AdminPassword { get; } = Token();

    public string AppPassword { get; } = Token();

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "server.log");

    private static bool IsRoot => Environment.UserName == "root";

    public async Task InitializeAsync()
    {
        _bin = PostgresBinaries.Find();
        _root = Path.Combine(Path.GetTempPath(), "stagecraft-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(_root, "socket"));
        var passwordFile = Path.Combine(_root, "pwfile");
        await File.WriteAllTextAsync(passwordFile, AdminPassword + "\n");
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-U", AdminUser, "--pwfile", passwordFile, "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync"]);
        Port = TestSupport.FreePort.Next();
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            listen_addresses = '{Host}'
            port = {Port}
            unix_socket_directories = '{Path.Combine(_root, "socket")}'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 60

            """);
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-W", "start"]);
        _started = true;
        await WaitUntilReadyAsync();
        await ExecuteAsync("postgres", $"CREATE ROLE {AppUser} LOGIN PASSWORD '{AppPassword}'");
    }

    public async Task DisposeAsync()
    {
        if (_started)
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], check: false);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public string Url(string database, string user = AppUser) => $"postgres://{user}@{Host}:{Port}/{database}";

    /// <summary>A new, empty database owned by <paramref name="owner"/>.</summary>
    public async Task<string> CreateDatabaseAsync(string owner = AppUser)
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync("postgres", $"CREATE DATABASE {name} OWNER {owner}");
        return name;
    }

    /// <summary>A login role; the password must not contain a single quote.</summary>
    public async Task CreateRoleAsync(string name, string password)
    {
        if (password.Contains('\'', StringComparison.Ordinal))
        {
            throw new ArgumentException("no quotes in test passwords", nameof(password));
        }

        await ExecuteAsync("postgres", $"CREATE ROLE {name} LOGIN PASSWORD '{password}'");
    }

    /// <summary>A connection as the superuser to a database, for assertions.</summary>
    public async Task<NpgsqlConnection> ConnectAsync(string database)
    {
        var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = await ConnectAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = await ConnectAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Database = database,
        Username = AdminUser,
        Password = AdminPassword,
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    private async Task WaitUntilReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < StartTimeout)
        {
            try
            {
                await using var connection = await ConnectAsync("postgres");
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
            {
                last = ex;
                await Task.Delay(100);
            }
        }

        var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no log)";
        throw new InvalidOperationException($"PostgreSQL did not accept connections within {StartTimeout.TotalSeconds}s: {last?.Message}\n{log}");
    }

    private async Task RunAsync(string file, string[] arguments, bool asPostgres = true, bool check = true)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _root };
        if (asPostgres && IsRoot)
        {
            info.FileName = "runuser";
            foreach (var argument in (string[])["-u", "postgres", "--", file, .. arguments])
            {
                info.ArgumentList.Add(argument);
            }
        }
        else
        {
            info.FileName = file;
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static string Token() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
