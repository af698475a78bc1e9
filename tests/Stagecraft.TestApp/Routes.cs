using System.Diagnostics;
using System.Globalization;

namespace Stagecraft.TestApp;

/// <summary>The app's endpoints: /, /healthz, /version, /echo, /slow, /log, /pid, /status/CODE.</summary>
internal sealed class Routes(AppSettings settings)
{
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private int _healthChecks;
    private int _rootRequests;

    // One terminal handler instead of endpoint routing: minimal-API endpoints cost startup time (reflection and
    // code generation), and the tests start this app hundreds of times.
    public void Map(WebApplication app) => app.Run(context => (context.Request.Method, context.Request.Path.Value) switch
    {
        ("GET", "/") => Root(context),
        ("GET", "/healthz") => Health(context),
        ("GET", "/version") => context.Response.WriteAsync(settings.Version, context.RequestAborted),
        ("GET", "/pid") => context.Response.WriteAsync(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), context.RequestAborted),
        ("POST", "/echo") => Echo(context),
        ("GET", "/slow") => Slow(context),
        ("GET", "/crash") => Crash(),
        ("GET", "/log") => Log(context),
        ("GET", var path) when path?.StartsWith("/status/", StringComparison.Ordinal) == true => Status(context, path["/status/".Length..]),
        _ => NotFound(context),
    });

    private async Task Root(HttpContext context)
    {
        if (settings.RequestLog)
        {
            Console.WriteLine($"request / at {_sinceStart.ElapsedMilliseconds} ms");
        }

        await Task.Delay(settings.RequestDelay, context.RequestAborted);
        var failsNow = settings.FailEvery > 0 && Interlocked.Increment(ref _rootRequests) % settings.FailEvery == 0;
        context.Response.StatusCode = failsNow ? StatusCodes.Status500InternalServerError : settings.RootStatus;
        await context.Response.WriteAsync($"hello from {settings.Version}\n", context.RequestAborted);
    }

    private async Task Echo(HttpContext context)
    {
        await Task.Delay(settings.RequestDelay, context.RequestAborted);
        context.Response.ContentType = "application/octet-stream";
        await context.Request.Body.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static Task Crash()
    {
        Console.WriteLine("crashing on request");
        Environment.Exit(4);
        return Task.CompletedTask;
    }

    private static Task Log(HttpContext context)
    {
        var lines = int.Parse(context.Request.Query["lines"].ToString(), CultureInfo.InvariantCulture);
        var padding = new string('x', 100);
        for (var i = 0; i < lines; i++)
        {
            Console.WriteLine($"log line {i} {padding}");
        }

        return context.Response.WriteAsync("logged", context.RequestAborted);
    }

    // Answers with the status the path names (/status/503), for tests that count answers by status.
    private static Task Status(HttpContext context, string code)
    {
        context.Response.StatusCode = int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 200 and <= 599 ? status : StatusCodes.Status400BadRequest;
        return Task.CompletedTask;
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    // Streams CHUNKS lines spread over MS milliseconds, flushing each, so a drain sees a body in progress.
    private static async Task Slow(HttpContext context)
    {
        var ms = int.Parse(context.Request.Query["ms"].ToString(), CultureInfo.InvariantCulture);
        var chunks = int.TryParse(context.Request.Query["chunks"].ToString(), CultureInfo.InvariantCulture, out var c) ? c : 10;
        var headersFirst = context.Request.Query["headers"] != "late";
        if (!headersFirst)
        {
            EventLog.Write("slow-waiting");
            await Task.Delay(ms, context.RequestAborted);
        }

        EventLog.Write("slow-start");
        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync(context.RequestAborted);
        for (var i = 0; i < chunks; i++)
        {
            if (headersFirst)
            {
                await Task.Delay(ms / chunks, context.RequestAborted);
            }

            await context.Response.WriteAsync($"chunk {i}\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        // until=PATH: the body ends only once that file exists, so a test decides when the request finishes.
        var until = context.Request.Query["until"].ToString();
        while (until.Length > 0 && !File.Exists(until))
        {
            await Task.Delay(20, context.RequestAborted);
        }

        await context.Response.WriteAsync("done\n", context.RequestAborted);
        EventLog.Write("slow-done");
    }

    private Task Health(HttpContext context)
    {
        var checks = Interlocked.Increment(ref _healthChecks);
        var healthy = settings.Health switch
        {
            "ok" => true,
            "redirect" => Redirect(context),
            var h when h.StartsWith("fail-for:", StringComparison.Ordinal) => _sinceStart.Elapsed.TotalSeconds >= double.Parse(h[9..], CultureInfo.InvariantCulture),
            var h when h.StartsWith("fail-after:", StringComparison.Ordinal) => checks <= int.Parse(h[11..], CultureInfo.InvariantCulture),
            var h when h.StartsWith("fail-until:", StringComparison.Ordinal) => File.Exists(h[11..]),
            _ => false,
        };
        if (context.Response.StatusCode == StatusCodes.Status302Found)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return context.Response.WriteAsync(healthy ? "ok" : "not ready", context.RequestAborted);
    }

    private static bool Redirect(HttpContext context)
    {
        context.Response.Redirect("/login");
        return false;
    }
}
