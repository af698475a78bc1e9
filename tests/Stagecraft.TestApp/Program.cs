using System.Globalization;
using Stagecraft.TestApp;

// A web app whose behaviour the tests set through environment variables (see AppSettings).
var settings = AppSettings.FromEnvironment();
if (settings.CrashAtStart)
{
    await Task.Delay(settings.CrashAfter ?? TimeSpan.Zero);
    Console.WriteLine("crashing at start as asked");
    return 3;
}

await Task.Delay(settings.StartDelay);
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{settings.ListenPort.ToString(CultureInfo.InvariantCulture)}");
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
var app = builder.Build();
var routes = new Routes(settings);
app.Use(async (context, next) =>
{
    context.Response.Headers["X-Version"] = settings.Version;
    context.Response.Headers["X-Instance"] = settings.Instance;
    await next(context);
});
routes.Map(app);

EventLog.Register(settings.EventLog);
if (settings.CrashAfter is { } crash)
{
    _ = Task.Run(async () =>
    {
        await Task.Delay(crash);
        Console.WriteLine("crashing as asked");
        Environment.Exit(3);
    });
}

await app.StartAsync();
if (settings.IgnoreSigterm)
{
    EventLog.IgnoreSigterm();
}

Console.WriteLine($"testapp {settings.Version} listening on {settings.ListenPort} (pid {Environment.ProcessId})");
await app.WaitForShutdownAsync();
Console.WriteLine("testapp stopped");
return 0;
