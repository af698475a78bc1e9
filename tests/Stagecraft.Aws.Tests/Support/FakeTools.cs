using System.Text.Json;
using System.Text.Json.Nodes;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>
/// The fake aws, serverless, cdk and docker CLIs (tests/Stagecraft.FakeAws) on a PATH of their
/// own, with their state, their control file and the record of every call.
/// </summary>
public sealed class FakeTools : IDisposable
{
    public static readonly string[] All = ["aws", "serverless", "cdk", "docker", "skopeo"];
    private readonly TempDirectory _directory = new("stagecraft-fakeaws");

    public FakeTools(params string[] tools)
    {
        Directory.CreateDirectory(BinDirectory);
        Directory.CreateDirectory(StateDirectory);
        foreach (var tool in tools.Length == 0 ? All : tools)
        {
            AddShim(tool, $"exec '{DotnetHost}' '{FakeDll}' {tool} \"$@\"");
        }
    }

    public string BinDirectory => _directory.Combine("bin");

    public string StateDirectory => _directory.Combine("state");

    /// <summary>Only the fakes are on this PATH: a real aws or docker on the machine is never reached.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["PATH"] = BinDirectory,
        ["FAKE_AWS_STATE"] = StateDirectory,
    };

    public static string FakeDll => Path.Combine(AppContext.BaseDirectory, "Stagecraft.FakeAws.dll");

    private static string DotnetHost =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : System.Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists) ?? "/usr/bin/dotnet";

    public void AddShim(string tool, string body)
    {
        var path = Path.Combine(BinDirectory, tool);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Remove(string tool) => File.Delete(Path.Combine(BinDirectory, tool));

    /// <summary>Writes control.json: what to fail, throttle, hang or return (see the fake's sources).</summary>
    public void Control(object control) =>
        File.WriteAllText(Path.Combine(StateDirectory, "control.json"), JsonSerializer.Serialize(control));

    public IReadOnlyList<FakeCall> Calls
    {
        get
        {
            var file = Path.Combine(StateDirectory, "calls.jsonl");
            return File.Exists(file)
                ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!).Select(n =>
                    new FakeCall(n["tool"]!.GetValue<string>(), n["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList())).ToList()
                : [];
        }
    }

    /// <summary>Calls of one operation, e.g. Of("cloudformation", "create-change-set").</summary>
    public IReadOnlyList<FakeCall> Of(string service, string operation) =>
        Calls.Where(c => c.Tool == "aws" && c.Args.Count >= 2 && c.Args[0] == service && c.Args[1] == operation).ToList();

    public IReadOnlyList<FakeCall> OfTool(string tool, string verb) =>
        Calls.Where(c => c.Tool == tool && c.Args.Count >= 1 && c.Args[0] == verb).ToList();

    public JsonObject State
    {
        get
        {
            var file = Path.Combine(StateDirectory, "state.json");
            return File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))!.AsObject() : new JsonObject();
        }
    }

    /// <summary>Changes the fake's world out of band (no fake call runs meanwhile): a stack deleted by hand, a tag pushed over.</summary>
    public void EditState(Action<JsonObject> edit)
    {
        var state = State;
        edit(state);
        File.WriteAllText(Path.Combine(StateDirectory, "state.json"), state.ToJsonString());
    }

    public string? StackStatus(string stack) => State["stacks"]?[stack]?["StackStatus"]?.GetValue<string>();

    public void Dispose() => _directory.Dispose();
}

/// <summary>One recorded call of a fake tool.</summary>
public sealed record FakeCall(string Tool, IReadOnlyList<string> Args)
{
    public string? Option(string name)
    {
        var index = Args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < Args.Count ? Args[index + 1] : null;
    }

    public override string ToString() => $"{Tool} {string.Join(' ', Args)}";
}
