using System.Net;
using System.Security.Cryptography.X509Certificates;
using Stagecraft.Local.Proxy;

namespace Stagecraft.Integration.Tests.Proxy.Routing;

/// <summary>A <see cref="ProxyListener"/> shared by several service proxies, each with its own test backend.</summary>
internal sealed class SharedListener : IAsyncDisposable
{
    private readonly List<TestBackend> _backends = [];
    private readonly List<ServiceProxy> _proxies = [];

    public ProxyListener Listener { get; private set; } = null!;

    public int Port => Listener.Endpoint.Port;

    public static async Task<SharedListener> StartAsync(IPAddress address, bool tls = false)
    {
        var shared = new SharedListener();
        shared.Listener = await ProxyListener.StartAsync(new ListenerOptions(new IPEndPoint(address, 0)) { Tls = tls }, RouteTable.Empty, CancellationToken.None);
        return shared;
    }

    /// <summary>A service whose one backend answers its name; returns its route (not yet in the table).</summary>
    public async Task<ProxyRoute> ServiceAsync(string name, string[] hosts, string prefix = "/", ICertificateSource? certificate = null)
    {
        var backend = await TestBackend.StartAsync(name);
        _backends.Add(backend);
        var proxy = ServiceProxy.Create(new ProxyOptions(new IPEndPoint(IPAddress.Loopback, 0)) { ServiceName = name });
        _proxies.Add(proxy);
        proxy.Route(new BackendPool(name + "-r1", [backend.Uri]));
        return new ProxyRoute(name, hosts, prefix, proxy, certificate);
    }

    /// <summary>See <see cref="TlsTestClient.Create"/>.</summary>
    public HttpClient TlsClient(List<X509Certificate2> seen, Version? version = null, SocketsHttpHandler? handler = null) =>
        TlsTestClient.Create(Port, seen, version, handler);

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }

        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }
}
