using Stagecraft.Core.Fingerprints;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Planning;
using Stagecraft.Core.Sessions;
using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.Operators;

/// <summary>Plans built in memory, for the renderers' tests.</summary>
internal static class PlanSamples
{
    private static readonly FingerprintManifest Manifest = new("command", "1",
        new Dictionary<string, string>(), new Dictionary<string, ManifestValue>(), new Dictionary<string, string>());

    public static PlannedStage Stage(string name, StageAction action, string reason, string kind = "command", string[]? upstream = null,
        string? fingerprint = null, string? deployed = null) =>
        new(name, kind, action, reason.Length == 0 ? [] : [reason], fingerprint is null ? null : new Fingerprint(fingerprint, Manifest),
            upstream ?? [], [], null, deployed is null ? null : Record(name, kind, deployed));

    /// <summary>A plan of <paramref name="count"/> stages, a third of which change in the cloud with a few resources each.</summary>
    public static (Plan Plan, IReadOnlyList<StageRemoteChanges> Remote) Large(int count)
    {
        var stages = new List<PlannedStage>();
        var remote = new List<StageRemoteChanges>();
        for (var i = 0; i < count; i++)
        {
            var name = $"stage-{i:0000}";
            var action = (i % 3) switch { 0 => StageAction.Update, 1 => StageAction.Create, _ => StageAction.NoChange };
            var reason = action switch
            {
                StageAction.Update => $"setting template changed | file lambda/handler_{i}.py changed; <b>not</b> html, `code` and *stars*",
                StageAction.Create => "new stage",
                _ => "",
            };
            stages.Add(Stage(name, action, reason, kind: "cloudformation", upstream: i == 0 ? [] : [$"stage-{i - 1:0000}"]));
            if (action == StageAction.Update)
            {
                var changes = Enumerable.Range(0, 1 + (i % 7)).Select(r => new RemoteChange(r % 2 == 0 ? "Modify" : "Add", $"Resource{r}In{name.Replace("-", "", StringComparison.Ordinal)}",
                    "AWS::Lambda::Function", r == 3 ? "replacement ``` with a fence inside" : null)).ToList();
                remote.Add(new StageRemoteChanges(name, new RemoteChanges($"{changes.Count} change(s)", changes)));
            }
        }

        return (new Plan("big-system", "production", stages, false), remote);
    }

    private static StageRecord Record(string name, string kind, string fingerprint) =>
        new(name, kind, StageStatus.Deployed, fingerprint, null, new Dictionary<string, OutputValue>(), [], null, false, 1, DateTimeOffset.UnixEpoch, null);
}
