using System.Net;
using System.Text;

namespace Stagecraft.Bench.HelloApp;

internal static class Program
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("Hello, World!");

    // Usage: HelloApp [port]; without an argument the port comes from $PORT (as the host agent sets it). Listens on 127.0.0.1 only.
    private static async Task Main(string[] args)
    {
        var port = int.Parse(args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("PORT") ?? "5000", System.Globalization.CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = Hello.Length;
            return context.Response.Body.WriteAsync(Hello).AsTask();
        });
        await app.RunAsync();
    }
}
