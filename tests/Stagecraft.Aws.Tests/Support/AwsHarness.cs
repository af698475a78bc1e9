using Stagecraft.Aws.Targets;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Parameters;
using Stagecraft.Core.State;
using Stagecraft.TestSupport;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>
/// One AWS environment against the doubles: the fake CLIs on PATH, the in-memory SDK fakes, a
/// project directory, shared state (stage data survives between "runs"), and fast polling.
/// </summary>
internal sealed class AwsHarness : IDisposable
{
    public AwsHarness(params string[] tools)
    {
        Tools = new FakeTools(tools);
        Target = new AwsTarget(Options);
        Environment = Target.Connect(Definition, TimeProvider.System, out _);
    }

    public FakeTools Tools { get; }

    public FakeSdk Sdk { get; } = new();

    public TempDirectory Project { get; } = new("stagecraft-aws");

    public InMemoryStateStore State { get; } = new();

    public MemoryStageLog Log { get; private set; } = new();

    public AwsTarget Target { get; }

    public AwsEnvironment Environment { get; }

    public AwsTargetOptions Options => new()
    {
        Sdk = _ => Sdk,
        ToolEnvironment = Tools.Environment,
        PollInterval = TimeSpan.FromMilliseconds(5),
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
    };

    public static EnvironmentDefinition Definition { get; } = new("test", SourceLocation.None, TargetKind.Aws,
        new ConfigMap([new ConfigEntry("region", SourceLocation.None, new ConfigScalar("eu-west-2", SourceLocation.None, false))], SourceLocation.None),
        new Dictionary<string, VariableDefinition>(), StateSettings.Default(SourceLocation.None), null);

    /// <summary>A stage context as the engine builds it, with a fresh log; settings come from the builder.</summary>
    public StageContext Context(string stage, Action<StageContextBuilder> settings, string fingerprint = "0123456789abcdef0123", long runId = 1, StageRecord? previous = null)
    {
        var builder = new StageContextBuilder(Project.Path) { Stage = stage, Fingerprint = fingerprint, RunId = runId, State = State, Project = "demo", Environment = "test" };
        settings(builder);
        var built = builder.Build();
        Log = new MemoryStageLog();
        return new StageContext
        {
            Project = built.Project,
            Environment = Definition,
            Stage = built.Stage,
            RunId = built.RunId,
            ProjectDirectory = built.ProjectDirectory,
            StageDirectory = built.StageDirectory,
            Settings = built.Settings,
            Previous = previous,
            Fingerprint = built.Fingerprint,
            Log = Log,
            Interaction = built.Interaction,
            State = State,
            Masker = built.Masker,
            Time = TimeProvider.System,
            Services = new SimpleServiceProvider().Add(Environment).Add<IParameterStore>(Sdk.ParameterStore),
        };
    }

    public string LogText => string.Join("\n", Log.Lines);

    public void Dispose()
    {
        Tools.Dispose();
        Project.Dispose();
    }
}
