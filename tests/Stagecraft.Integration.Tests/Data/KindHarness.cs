using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;
using Stagecraft.Core.Secrets;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Data;

/// <summary>
/// Calls a kind the way the engine does: a StageContext over a project directory, an in-memory
/// state store (stage data survives between calls), a memory log and the test's services.
/// </summary>
internal sealed class KindHarness
{
    public KindHarness(string projectDirectory)
    {
        ProjectDirectory = projectDirectory;
    }

    public string ProjectDirectory { get; }

    public InMemoryStateStore State { get; } = new();

    public SecretMasker Masker { get; } = new();

    public FakeHostInfo Host { get; } = new();

    public SimpleServiceProvider Services { get; } = new();

    public MemoryStageLog Log { get; private set; } = new();

    public long RunId { get; private set; }

    public StageContext Context(ResolvedMap settings, string stage = "step")
    {
        Log = new MemoryStageLog();
        RunId++;
        Services.Add<IHostInfo>(Host);
        foreach (var scalar in Scalars(settings).Where(s => s.Sensitive))
        {
            Masker.Add(scalar.Value);
        }

        return new StageContext
        {
            Project = "demo",
            Environment = new EnvironmentDefinition("local", SourceLocation.None, TargetKind.Local, ConfigMap.Empty(SourceLocation.None),
                new Dictionary<string, VariableDefinition>(), StateSettings.Default(SourceLocation.None), null),
            Stage = stage,
            RunId = RunId,
            ProjectDirectory = ProjectDirectory,
            StageDirectory = Path.Combine(ProjectDirectory, ".stagecraft", "local", "stages", stage),
            Settings = settings,
            Previous = null,
            Fingerprint = "fingerprint",
            Log = Log,
            Interaction = ScriptedInteraction.NoTerminal,
            State = State,
            Masker = Masker,
            Time = TimeProvider.System,
            Services = Services,
        };
    }

    public async Task<IReadOnlyDictionary<string, string>> ApplyAsync(StageKind kind, ResolvedMap settings, string stage = "step", CancellationToken cancellationToken = default)
    {
        var outcome = await kind.ApplyAsync(Context(settings, stage), cancellationToken);
        return ((StageOutcome.Completed)outcome).Outputs.ToDictionary(o => o.Key, o => o.Value.Value);
    }

    private static IEnumerable<ResolvedScalar> Scalars(ResolvedNode node) => node switch
    {
        ResolvedScalar scalar => [scalar],
        ResolvedList list => list.Items.SelectMany(Scalars),
        ResolvedMap map => map.Entries.SelectMany(e => Scalars(e.Value)),
        _ => [],
    };
}
