using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Stagecraft.Local.Proxy;

namespace Stagecraft.Bench.ProxyHost;

internal static class Program
{
    // Usage: ProxyHost <listen-port> <backend-url>... Listens on 127.0.0.1 only; stops on SIGINT/SIGTERM.
    // PROXY_INLINE_IO=1 turns on ProxyOptions.InlineIoScheduling; PROXY_TLS_CERT and PROXY_TLS_KEY serve TLS.
    private static async Task<int> Main(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: ProxyHost <listen-port> <backend-url>...");
            return 2;
        }

        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var backends = args.Skip(1).Select(a => new Uri(a)).ToArray();
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        var options = new ProxyOptions(new IPEndPoint(IPAddress.Loopback, port))
        {
            ServiceName = "bench",
            InlineIoScheduling = Environment.GetEnvironmentVariable("PROXY_INLINE_IO") == "1",
        };
        await using var proxy = await StartAsync(options, stop.Token);
        proxy.Route(new BackendPool("bench", backends));
        await using var listener = Environment.GetEnvironmentVariable("PROXY_TLS_CERT") is { Length: > 0 } certificate
            ? await ProxyListener.StartAsync(
                new ListenerOptions(options.Listen) { Tls = true, InlineIoScheduling = options.InlineIoScheduling },
                new RouteTable([new ProxyRoute("bench", [], "/", proxy,
                    CertificateFiles.Open(certificate, Environment.GetEnvironmentVariable("PROXY_TLS_KEY")!, TimeSpan.FromHours(1)))]),
                stop.Token)
            : null;
        Console.WriteLine($"proxy listening on {listener?.Endpoint ?? proxy.Endpoint}");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Signalled: dispose the proxy and exit.
        }

        return 0;
    }

    // With PROXY_TLS_CERT/PROXY_TLS_KEY (PEM files) the proxy serves TLS through a shared listener, as the agent
    // does for a service with 'tls'; otherwise it has a plain listener of its own.
    private static async Task<ServiceProxy> StartAsync(ProxyOptions options, CancellationToken ct) =>
        Environment.GetEnvironmentVariable("PROXY_TLS_CERT") is { Length: > 0 }
            ? ServiceProxy.Create(options)
            : await ServiceProxy.StartAsync(options, ct);
}
