using System.Diagnostics;

namespace Stagecraft.Integration.Tests.State;

/// <summary>
/// A second OS process (the sqlite3 shell) that opens a write transaction on the state file and
/// commits only when told, to show how the store behaves beside another writer.
/// </summary>
internal sealed class OtherProcessWriter : IAsyncDisposable
{
    private readonly Process _process;

    private OtherProcessWriter(Process process)
    {
        _process = process;
    }

    public static string? Shell { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "sqlite3"))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="sql"/> inside BEGIN IMMEDIATE and returns once it holds the write lock, uncommitted.</summary>
    public static async Task<OtherProcessWriter> BeginAsync(string databasePath, string sql)
    {
        var info = new ProcessStartInfo(Shell ?? throw new InvalidOperationException("no sqlite3 shell"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(databasePath);
        var writer = new OtherProcessWriter(Process.Start(info)!);
        await writer._process.StandardInput.WriteLineAsync($"BEGIN IMMEDIATE; {sql}; SELECT 'ready';");
        await writer._process.StandardInput.FlushAsync();
        var line = await writer._process.StandardOutput.ReadLineAsync();
        if (line != "ready")
        {
            throw new InvalidOperationException($"sqlite3 did not start its transaction: {line} {await writer._process.StandardError.ReadToEndAsync()}");
        }

        return writer;
    }

    public async Task CommitAsync()
    {
        await _process.StandardInput.WriteLineAsync("COMMIT;");
        _process.StandardInput.Close();
        await _process.WaitForExitAsync();
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException("sqlite3 failed: " + await _process.StandardError.ReadToEndAsync());
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
