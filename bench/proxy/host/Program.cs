using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using Stagecraft.Local.Proxy;

namespace Stagecraft.Bench.ProxyHost;

internal static class Program
{
    // Usage: ProxyHost <listen-port> <backend-url>... Listens on 127.0.0.1 only; stops on SIGINT/SIGTERM.
    // PROXY_INLINE_IO=1 turns on ProxyOptions.InlineIoScheduling.
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

        await using var proxy = await ServiceProxy.StartAsync(new ProxyOptions(new IPEndPoint(IPAddress.Loopback, port))
        {
            ServiceName = "bench",
            InlineIoScheduling = Environment.GetEnvironmentVariable("PROXY_INLINE_IO") == "1",
        }, stop.Token);
        proxy.Route(new BackendPool("bench", backends));
        Console.WriteLine($"proxy listening on {proxy.Endpoint}");
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
}
