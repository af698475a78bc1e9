using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stagecraft.FakeAws;

/// <summary>
/// The fake's world, in $FAKE_AWS_STATE/state.json, read and written under an exclusive lock so
/// parallel stages see one consistent account. control.json (written by tests) says what to fail.
/// </summary>
internal sealed class FakeState : IDisposable
{
    public const string Account = "123456789012";
    private readonly FileStream _lock;
    private readonly string _file;

    private FakeState(string directory, FileStream lockStream)
    {
        Directory = directory;
        _lock = lockStream;
        _file = Path.Combine(directory, "state.json");
        Root = File.Exists(_file) ? JsonNode.Parse(File.ReadAllText(_file))!.AsObject() : new JsonObject();
        var control = Path.Combine(directory, "control.json");
        Control = File.Exists(control) ? JsonNode.Parse(File.ReadAllText(control))!.AsObject() : new JsonObject();
    }

    public string Directory { get; }

    public JsonObject Root { get; }

    public JsonObject Control { get; }

    public static FakeState Open(string directory)
    {
        var path = Path.Combine(directory, "state.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FakeState(directory, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (attempt < 2000)
            {
                Thread.Sleep(5);
            }
        }
    }

    public JsonObject Section(string name) => Root[name] as JsonObject ?? (JsonObject)(Root[name] = new JsonObject());

    public JsonObject ControlSection(string name) => Control[name] as JsonObject ?? new JsonObject();

    /// <summary>A counter kept in state: how often something happened so far (before this call).</summary>
    public int Bump(string key)
    {
        var counters = Section("counters");
        var value = counters[key]?.GetValue<int>() ?? 0;
        counters[key] = value + 1;
        return value;
    }

    public long NextId() => Bump("ids") + 1;

    // Written aside and renamed: a fake killed mid-write (a cancelled call) must not leave an empty state.json.
    public void Save()
    {
        var temporary = _file + ".tmp";
        File.WriteAllText(temporary, Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, _file, overwrite: true);
    }

    public void Dispose() => _lock.Dispose();
}
