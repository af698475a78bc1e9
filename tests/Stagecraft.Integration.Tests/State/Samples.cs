using Stagecraft.Core.Fingerprints;
using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State;

/// <summary>Records with every field set, for round trips.</summary>
internal static class Samples
{
    /// <summary>Not UTC, with sub-second digits: stored as UTC, read back as the same instant.</summary>
    public static readonly DateTimeOffset Time = new DateTimeOffset(2025, 3, 4, 7, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);

    public static FingerprintManifest Manifest() => new(
        "fake",
        "1",
        new Dictionary<string, string> { ["value"] = "sha256:aa", ["items"] = "sha256:bb" },
        new Dictionary<string, ManifestValue>
        {
            ["var.greeting"] = new("hello", false),
            ["secret:db"] = new("hmac:cc", true),
        },
        new Dictionary<string, string> { ["app/main.py"] = "sha256:dd" });

    public static StageRecord Stage(string name, long? runId = null, IReadOnlyDictionary<string, OutputValue>? outputs = null) => new(
        name,
        "fake",
        StageStatus.Deployed,
        "fp-" + name,
        Manifest(),
        outputs ?? new Dictionary<string, OutputValue> { ["url"] = new("http://localhost:8080"), ["zone"] = new("a") },
        ["common", "network"],
        """{"value":"x","items":["a","b"]}""",
        true,
        runId,
        Time,
        null);

    public static RunStart Run(string verb = "deploy") => new(verb, "local", "alice", "box-1", 4242, Time, "deploy --all");

    public static StageRunRecord Result(string stage, StageResult result = StageResult.Succeeded) => new(
        stage,
        "fake",
        StageAction.Create,
        result,
        Time.AddSeconds(1),
        TimeSpan.FromMilliseconds(1534),
        "never deployed",
        result == StageResult.Failed ? "exit code 2" : null,
        "fp-" + stage,
        ".stagecraft/local/logs/1/" + stage + ".log");

    public static LockInfo Lock(int pid, string host = "box-1") =>
        new("alice", host, pid, 1000L + pid, "deploy", Time, Time.AddSeconds(5));
}
