using System.Diagnostics;
using System.Text;

namespace Stagecraft.Integration.Tests.Support;

/// <summary>Runs the real stagecraft CLI as a child process, as a user would.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_err)
            {
                return _err.ToString();
            }
        }
    }

    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "stagecraft.dll");

    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        InheritsIgnoredSigInt.Value
            ? StartProgram(workingDirectory, environment, "env", ["--default-signal=INT", "dotnet", CliPath, .. args], noColor: true)
            : StartProgram(workingDirectory, environment, "dotnet", [CliPath, .. args], noColor: true);

    /// <summary>
    /// True when this test process ignores SIGINT, as a background job of a shell without job control
    /// does ('./test.sh &amp;' in a script): the CLI would inherit that and never see the Ctrl-C a test
    /// sends (rightly: a program started so keeps ignoring it). Such a CLI is started with SIGINT reset,
    /// as a terminal would have it.
    /// </summary>
    private static readonly Lazy<bool> InheritsIgnoredSigInt = new(() =>
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << (Posix.SigInt - 1))) != 0;
    });

    /// <summary>Runs another program (e.g. 'script' wrapping the CLI in a pseudo-terminal) the same way.</summary>
    public static async Task<CliResult> RunRawAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string program, params string[] args)
    {
        using var cli = StartProgram(workingDirectory, environment, program, args, noColor: false);
        return await cli.WaitAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>Starts another program (a script, an installed stagecraft) the same way, to wait on with a timeout of the caller's.</summary>
    public static CliProcess StartRaw(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string program, params string[] args) =>
        StartProgram(workingDirectory, environment, program, args, noColor: true);

    private static CliProcess StartProgram(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string program, IReadOnlyList<string> args, bool noColor)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (noColor)
        {
            info.Environment["NO_COLOR"] = "1";
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Append(cli._out, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(cli._err, e.Data);
        process.Exited += (_, _) => cli._exited.TrySetResult();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args) =>
        await RunAsync(workingDirectory, null, args);

    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var cli = Start(workingDirectory, environment, args);
        return await cli.WaitAsync(TimeSpan.FromSeconds(120));
    }

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        await _exited.Task.WaitAsync(timeout);
        _process.WaitForExit(); // flush the output events
        return new CliResult(_process.ExitCode, Output, Error);
    }

    public void Signal(int signal) => Posix.Kill(_process.Id, signal);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
