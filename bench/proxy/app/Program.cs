using System.Globalization;
using System.Net;
using System.Text;

namespace Stagecraft.Bench.HelloApp;

internal static class Program
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("Hello, World!");
    private static readonly byte[] Failed = Encoding.ASCII.GetBytes("failed on purpose");
    private static int _served;

    // Usage: HelloApp [port]; without an argument the port comes from $PORT (as the host agent sets it). Listens on 127.0.0.1 only.
    // For the release benchmark's rollout row, two optional variables:
    //   HELLO_TAG=NAME           every answer carries "X-Hello-Tag: NAME", so a client can tell which release served it
    //   HELLO_FAIL_PERCENT=N     N of every 100 requests (spread evenly) answer 500; /healthz never fails
    // Without them the handler is the plain one: nothing extra on the measured path.
    private static async Task Main(string[] args)
    {
        var port = int.Parse(args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("PORT") ?? "5000", CultureInfo.InvariantCulture);
        var tag = Environment.GetEnvironmentVariable("HELLO_TAG");
        var failPercent = int.Parse(Environment.GetEnvironmentVariable("HELLO_FAIL_PERCENT") ?? "0", CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        if (string.IsNullOrEmpty(tag) && failPercent == 0)
        {
            app.Run(context => Write(context, 200, Hello));
        }
        else
        {
            app.Run(context =>
            {
                if (!string.IsNullOrEmpty(tag))
                {
                    context.Response.Headers["X-Hello-Tag"] = tag;
                }

                var fail = failPercent > 0 && context.Request.Path != "/healthz"
                    && (Interlocked.Increment(ref _served) % 100) < failPercent;
                return fail ? Write(context, 500, Failed) : Write(context, 200, Hello);
            });
        }

        await app.RunAsync();
    }

    private static Task Write(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
