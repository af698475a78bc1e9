using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>A webhook endpoint on 127.0.0.1 that records every request and answers with the statuses it is told.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _statuses = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = new();

    /// <summary>Bodies of the requests that were answered 2xx, parsed.</summary>
    public List<JsonElement> Delivered => Requests.Where(r => r.Status < 300).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();

    public List<string> DeliveredEvents => Delivered.Select(d => d.GetProperty("event").GetString()!).ToList();

    /// <summary>The next requests get these statuses, in order; after them, 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var status = receiver._statuses.TryDequeue(out var next) ? next : 200;
            receiver.Requests.Enqueue(new ReceivedWebhook(context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, status));
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body, int Status);
