using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stagecraft.Local.Agent.Acme;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>
/// Kestrel on 127.0.0.1 answering <c>GET /.well-known/acme-challenge/{token}</c> from an
/// <see cref="Http01ChallengeStore"/>, as the agent's plain-HTTP listener does in production; 404 for anything else.
/// Records which tokens were fetched (and for which Host) so tests see the validation happen.
/// </summary>
internal sealed class Http01Responder : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Http01Responder(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public Http01ChallengeStore Challenges { get; } = new();

    /// <summary>"host token" for every challenge answered with a key authorization.</summary>
    public ConcurrentQueue<string> Served { get; } = new();

    public static async Task<Http01Responder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        Http01Responder? responder = null;
        app.Run(async context => await responder!.AnswerAsync(context));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        responder = new Http01Responder(app, address.Port);
        return responder;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith(Http01ChallengeStore.PathPrefix, StringComparison.Ordinal)
            && Challenges.TryGet(path[Http01ChallengeStore.PathPrefix.Length..], out var keyAuthorization))
        {
            Served.Enqueue($"{context.Request.Host.Host} {path[Http01ChallengeStore.PathPrefix.Length..]}");
            context.Response.ContentType = "application/octet-stream";
            await context.Response.WriteAsync(keyAuthorization);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await context.Response.WriteAsync("no such challenge");
    }
}
