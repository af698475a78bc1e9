using System.Net;
using System.Text;
using System.Threading.Channels;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stagecraft.Integration.Tests.Proxy;

/// <summary>
/// A real Kestrel app on 127.0.0.1 with a free port, standing in for one instance of a release.
/// Every response carries X-Backend with the instance name so tests can see who served what.
/// </summary>
internal sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<WebSocketEnd> _webSocketEnds = Channel.CreateUnbounded<WebSocketEnd>();
    private int _hits;

    private TestBackend(string name, WebApplication app, Uri uri)
    {
        Name = name;
        _app = app;
        Uri = uri;
    }

    public string Name { get; }

    public Uri Uri { get; }

    public int Hits => Volatile.Read(ref _hits);

    /// <summary>Waits for the next websocket session on this backend to end.</summary>
    public async Task<WebSocketEnd> NextWebSocketEndAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _webSocketEnds.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Starts a backend; <paramref name="handler"/> runs for paths the default routes do not know.</summary>
    public static async Task<TestBackend> StartAsync(string name, Func<HttpContext, Task>? handler = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        TestBackend? backend = null;
        app.UseWebSockets();
        app.Run(async context =>
        {
            Interlocked.Increment(ref backend!._hits);
            context.Response.Headers["X-Backend"] = name;
            await backend.DefaultRoutesAsync(context, handler);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        backend = new TestBackend(name, app, new Uri(address));
        return backend;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task DefaultRoutesAsync(HttpContext context, Func<HttpContext, Task>? handler)
    {
        var name = Name;
        switch (context.Request.Path.Value)
        {
            case "/inspect":
                await InspectAsync(context, name);
                return;
            case "/echo":
                context.Response.ContentType = context.Request.ContentType;
                await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
                return;
            case "/ws" when context.WebSockets.IsWebSocketRequest:
                await EchoWebSocket.RunAsync(context, (status, text) => _webSocketEnds.Writer.TryWrite(new WebSocketEnd(status, text)));
                return;
        }

        if (handler is not null)
        {
            await handler(context);
            return;
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(name, context.RequestAborted);
    }

    // Reports exactly what arrived, so forwarding tests can compare it with what the client sent.
    private static async Task InspectAsync(HttpContext context, string name)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var report = new InspectReport(
            name,
            context.Request.Method,
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Encoding.UTF8.GetString(body.ToArray()));
        var json = JsonSerializer.SerializeToUtf8Bytes(report);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }
}
