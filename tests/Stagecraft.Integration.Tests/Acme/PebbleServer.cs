using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent.Acme;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>
/// Debian's pebble (a test ACME server) as a child process on 127.0.0.1, one per test class. Debian ships it
/// without certificates or configuration, so this makes them: a test CA (<see cref="CaBundlePath"/>, the
/// <c>ca_bundle</c>) signing pebble's TLS certificate, and a config with free ports whose <c>httpPort</c> is the
/// <see cref="Http01Responder"/>'s (or, for tests of the agent, a free port its <c>http_listen</c> takes). Name lookups go to a <see cref="LoopbackDnsResponder"/> (<c>-dnsserver</c>), so
/// every host name validates against 127.0.0.1. <c>PEBBLE_VA_NOSLEEP=1</c> keeps validation quick.
/// </summary>
public abstract class PebbleServer : IAsyncLifetime
{
    /// <summary>Orders for this name are refused (pebble's domain blocklist).</summary>
    public const string BlockedHost = "blocked.stagecraft.test";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly TempDirectory _directory = new("stagecraft-pebble");
    private LoopbackDnsResponder? _dns;
    private Process? _process;
    private int _managementPort;

    /// <summary>Percentage of good nonces pebble refuses with badNonce (0: none).</summary>
    protected virtual int NonceRejectPercent => 0;

    /// <summary>Validity of the certificates pebble issues.</summary>
    protected virtual TimeSpan CertificateValidity => TimeSpan.FromMinutes(10);

    /// <summary>False: no <see cref="Responder"/>; pebble validates on <see cref="HttpPort"/>, left free for an agent's <c>http_listen</c>.</summary>
    protected virtual bool StartsResponder => true;

    /// <summary>The port pebble fetches <c>http://HOST:PORT/.well-known/acme-challenge/…</c> from.</summary>
    public int HttpPort { get; private set; }

    public Uri Directory { get; private set; } = null!;

    public string CaBundlePath => _directory.Combine("ca.pem");

    internal Http01Responder Responder { get; private set; } = null!;

    internal AcmeSettings Settings(string? email = "ops@stagecraft.test") => new(Directory, email, CaBundlePath);

    public async Task InitializeAsync()
    {
        var pebble = new[] { "/usr/bin/pebble", "/usr/local/bin/pebble" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("pebble is not installed: apt-get install pebble (scripts/test-deps.sh does it)");
        using (var ca = new TestCertificateAuthority("Stagecraft pebble test CA"))
        {
            var (certificate, key) = ca.IssueServerCertificate();
            _directory.Write("ca.pem", ca.Pem);
            _directory.Write("cert.pem", certificate);
            _directory.Write("key.pem", key);
        }

        if (StartsResponder)
        {
            Responder = await Http01Responder.StartAsync();
            HttpPort = Responder.Port;
        }
        else
        {
            HttpPort = FreePort.Next();
        }

        _dns = new LoopbackDnsResponder();
        var port = FreePort.Next();
        _managementPort = FreePort.Next();
        var config = new JsonObject
        {
            ["pebble"] = new JsonObject
            {
                ["listenAddress"] = $"127.0.0.1:{port}",
                ["managementListenAddress"] = $"127.0.0.1:{_managementPort}",
                ["certificate"] = _directory.Combine("cert.pem"),
                ["privateKey"] = _directory.Combine("key.pem"),
                ["httpPort"] = HttpPort,
                ["tlsPort"] = FreePort.Next(), // TLS-ALPN-01 is not used; nothing listens there.
                ["ocspResponderURL"] = "",
                ["externalAccountBindingRequired"] = false,
                ["domainBlocklist"] = new JsonArray(BlockedHost),
                ["certificateValidityPeriod"] = (long)CertificateValidity.TotalSeconds,
            },
        };
        _directory.Write("pebble.json", config.ToJsonString());
        Directory = new Uri($"https://127.0.0.1:{port}/dir");

        var start = new ProcessStartInfo(pebble) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _directory.Path };
        foreach (var argument in (string[])["-config", _directory.Combine("pebble.json"), "-dnsserver", _dns.Address, "-strict=false"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PEBBLE_VA_NOSLEEP"] = "1";
        start.Environment["PEBBLE_WFE_NONCEREJECT"] = NonceRejectPercent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PEBBLE_AUTHZREUSE"] = "0"; // Every order proves its names again: the tests watch HTTP-01 happen.
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                Process.GetProcessById(process.Id).Kill();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or TimeoutException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        if (Responder is not null)
        {
            await Responder.DisposeAsync();
        }

        _dns?.Dispose();
        _directory.Dispose();
    }

    /// <summary>Pebble's root CA (it makes a new one at every start), from its management interface.</summary>
    public async Task<X509Certificate2> RootAsync()
    {
        using var http = new HttpClient(AcmeTrust.CreateHandler(CaBundlePath));
        var pem = await http.GetStringAsync(new Uri($"https://127.0.0.1:{_managementPort}/roots/0"));
        return X509Certificate2.CreateFromPem(pem);
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient(AcmeTrust.CreateHandler(CaBundlePath)) { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"pebble exited with {_process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(Directory);
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, StartTimeout, $"pebble to serve {Directory}");
    }
}

/// <summary>Pebble that accepts every good nonce.</summary>
public sealed class Pebble : PebbleServer;

/// <summary>Pebble refusing half of the good nonces with badNonce, as its README suggests to test clients.</summary>
public sealed class NonceRejectingPebble : PebbleServer
{
    protected override int NonceRejectPercent => 50;
}
