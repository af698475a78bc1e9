using System.Net;
using Stagecraft.Local.Proxy;

namespace Stagecraft.Integration.Tests.Proxy;

/// <summary>A proxy on 127.0.0.1 plus the backends and client a test needs; disposes all of them.</summary>
internal sealed class ProxyHarness : IAsyncDisposable
{
    private readonly List<TestBackend> _backends = [];

    private ProxyHarness(ServiceProxy proxy, HttpClient client)
    {
        Proxy = proxy;
        Client = client;
    }

    public ServiceProxy Proxy { get; }

    /// <summary>Keep-alive client pointed at the proxy.</summary>
    public HttpClient Client { get; }

    public Uri BaseUri => new($"http://{Proxy.Endpoint}");

    public static async Task<ProxyHarness> StartAsync(Func<ProxyOptions, ProxyOptions>? configure = null)
    {
        var options = new ProxyOptions(new IPEndPoint(IPAddress.Loopback, 0)) { ServiceName = "shop" };
        options = configure?.Invoke(options) ?? options;
        var proxy = await ServiceProxy.StartAsync(options, CancellationToken.None);
        var client = CreateClient(new Uri($"http://{proxy.Endpoint}"));
        return new ProxyHarness(proxy, client);
    }

    public static HttpClient CreateClient(Uri baseUri, SocketsHttpHandler? handler = null)
    {
        handler ??= new SocketsHttpHandler();
        handler.UseProxy = false;
        handler.AllowAutoRedirect = false;
        return new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<TestBackend> AddBackendAsync(string name, Func<Microsoft.AspNetCore.Http.HttpContext, Task>? handler = null)
    {
        var backend = await TestBackend.StartAsync(name, handler);
        _backends.Add(backend);
        return backend;
    }

    public async Task<BackendPool> AddPoolAsync(string id, int instances, Func<Microsoft.AspNetCore.Http.HttpContext, Task>? handler = null)
    {
        var uris = new List<Uri>();
        for (var i = 0; i < instances; i++)
        {
            uris.Add((await AddBackendAsync($"{id}-{i}", handler)).Uri);
        }

        return new BackendPool(id, uris);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Proxy.DisposeAsync();
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }
}
