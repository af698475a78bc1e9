using Quickstart.App;

// A small notes API: the quickstart's web service. It listens where the host agent tells it
// (PORT) and reads the database the 'schema' stage migrated (NOTES_DB).
var builder = WebApplication.CreateSlimBuilder(args);
var port = Environment.GetEnvironmentVariable("PORT") ?? "5000";
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var store = new NoteStore(Environment.GetEnvironmentVariable("NOTES_DB") ?? "data/app.db");

var app = builder.Build();
app.MapGet("/", () => Results.Text($"quickstart notes {AppInfo.Version}: GET /notes, POST /notes {{\"body\": \"…\"}}\n"));
app.MapGet("/healthz", async (CancellationToken ct) => await store.IsReachableAsync(ct) ? Results.Text("ok\n") : Results.StatusCode(503));
app.MapGet("/version", () => Results.Json(new Dictionary<string, string?>
{
    ["version"] = AppInfo.Version,
    ["release"] = Environment.GetEnvironmentVariable("STAGECRAFT_RELEASE"),
}));
app.MapGet("/notes", async (CancellationToken ct) => Results.Json(await store.ListAsync(ct)));
app.MapPost("/notes", async (NewNote note, CancellationToken ct) =>
    string.IsNullOrWhiteSpace(note.Body)
        ? Results.BadRequest(new Dictionary<string, string> { ["error"] = "body is required" })
        : Results.Json(await store.AddAsync(note.Body, ct), statusCode: 201));
app.Run();
