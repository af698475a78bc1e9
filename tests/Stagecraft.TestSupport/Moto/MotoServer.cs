using System.Diagnostics;
using System.Net.Http;
using System.Text;

namespace Stagecraft.TestSupport.Moto;

/// <summary>
/// One moto_server on a free 127.0.0.1 port for a test class (each test project makes it an xunit
/// class fixture with a one-line <c>MotoFixture : MotoServer, IAsyncLifetime</c>): started,
/// waited for until it answers, reset between tests where they need it, and killed by its pid.
/// It sets fake credentials in this test process for the SDK clients; the aws CLI v2 children
/// get them with <see cref="ToolEnvironment"/>.
/// </summary>
public class MotoServer
{
    /// <summary>The moto_server package for CI (scripts/test-deps.sh installs it when missing).</summary>
    public const string InstallHint = "install moto's server: pip install 'moto[server]==5.1.*' (scripts/test-deps.sh does)";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly StringBuilder _log = new();
    private readonly TempDirectory _home = new("stagecraft-moto");
    private Process? _process;

    public const string Region = "eu-west-2";

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    /// <summary>The moto URL as written in a stagecraft.yml.</summary>
    public string EndpointUrl => $"http://127.0.0.1:{Port}";

    /// <summary>PATH with the aws CLI v2 first, and no shared AWS config or credentials files of this machine.</summary>
    public IReadOnlyDictionary<string, string?> ToolEnvironment { get; private set; } = new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        // Moto takes any credentials. Keys another fixture of this process set already (s3rver's) stay.
        if (Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null)
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        }

        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        await AwsCliV2.LinkAsync(_home.Combine("bin"));
        ToolEnvironment = new Dictionary<string, string?>
        {
            ["PATH"] = _home.Combine("bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["AWS_CONFIG_FILE"] = _home.Combine("aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = _home.Combine("aws-credentials"),
            ["AWS_ACCESS_KEY_ID"] = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"),
            ["AWS_SECRET_ACCESS_KEY"] = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };

        var program = Programs.Find("moto_server", Environment.GetEnvironmentVariable("PATH"))
            ?? throw new InvalidOperationException("moto_server is not on PATH; " + InstallHint);
        Port = TestSupport.FreePort.Next();
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "-H", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("moto_server did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await AnswersAsync())
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"moto_server did not answer on port {Port}: {Log}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs the aws CLI v2 against moto (for a test's own checks and out-of-band changes); its JSON output, or null when it printed none.</summary>
    public Task<System.Text.Json.JsonElement?> AwsAsync(params string[] args) => AwsInRegionAsync(Region, args);

    /// <summary>As <see cref="AwsAsync"/>, in another region (moto keeps each region apart, as AWS does).</summary>
    public async Task<System.Text.Json.JsonElement?> AwsInRegionAsync(string region, params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(_home.Combine("bin"), "aws")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args.Concat(["--endpoint-url", EndpointUrl, "--region", region, "--output", "json", "--no-cli-pager"]))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in ToolEnvironment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}");
        }

        var text = await stdout;
        return string.IsNullOrWhiteSpace(text) ? null : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Forgets every resource (moto's reset API), so a test starts from an empty account.</summary>
    public async Task ResetAsync()
    {
        using var response = await Http.PostAsync(new Uri(Url, "/moto-api/reset"), null);
        response.EnsureSuccessStatusCode();
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        _home.Dispose();
    }

    private static class Programs
    {
        public static string? Find(string program, string? path) =>
            (path ?? "").Split(Path.PathSeparator).Where(Path.IsPathRooted).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(Url, "/moto-api/data.json"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
