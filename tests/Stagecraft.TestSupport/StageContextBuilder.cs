using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.References;
using Stagecraft.Core.Secrets;
using Stagecraft.Core.State;

namespace Stagecraft.TestSupport;

/// <summary>
/// Builds the <see cref="StageContext"/> a kind gets from the engine, with resolved settings
/// written in the test. Sensitive values are registered with the masker, as resolution does.
/// </summary>
public sealed class StageContextBuilder
{
    private readonly List<KeyValuePair<string, ResolvedNode>> _settings = [];

    public StageContextBuilder(string projectDirectory)
    {
        ProjectDirectory = projectDirectory;
    }

    public string ProjectDirectory { get; }

    public string Project { get; init; } = "demo";

    public string Environment { get; init; } = "test";

    public string Stage { get; init; } = "step";

    public long RunId { get; init; } = 1;

    public string Fingerprint { get; init; } = "fingerprint-1";

    public IStageLog Log { get; init; } = new MemoryStageLog();

    public IInteraction Interaction { get; init; } = ScriptedInteraction.NoTerminal;

    public InMemoryStateStore State { get; init; } = new();

    public SecretMasker Masker { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public bool AllowAbsolutePaths { get; init; }

    /// <summary>What state recorded of the stage's last deploy (drift checks read it).</summary>
    public StageRecord? Previous { get; init; }

    public string StageDirectory => Path.Combine(ProjectDirectory, ".stagecraft", Environment, "stages", Stage);

    public StageContextBuilder Scalar(string key, string value, bool sensitive = false)
    {
        _settings.Add(new(key, Value(value, sensitive)));
        return this;
    }

    public StageContextBuilder List(string key, params string[] items)
    {
        _settings.Add(new(key, new ResolvedList(items.Select(i => (ResolvedNode)Value(i, false)).ToList(), SourceLocation.None)));
        return this;
    }

    public StageContextBuilder Map(string key, params (string Name, string Value, bool Sensitive)[] entries)
    {
        var items = entries.Select(e => new KeyValuePair<string, ResolvedNode>(e.Name, Value(e.Value, e.Sensitive))).ToList();
        _settings.Add(new(key, new ResolvedMap(items, SourceLocation.None)));
        return this;
    }

    /// <summary>Any resolved setting, e.g. a nested mapping with lists.</summary>
    public StageContextBuilder Node(string key, ResolvedNode node)
    {
        _settings.Add(new(key, node));
        return this;
    }

    public StageContext Build() => new()
    {
        Project = Project,
        Environment = new EnvironmentDefinition(Environment, SourceLocation.None, TargetKind.Local, ConfigMap.Empty(SourceLocation.None),
            new Dictionary<string, VariableDefinition>(), StateSettings.Default(SourceLocation.None), null),
        Stage = Stage,
        RunId = RunId,
        ProjectDirectory = ProjectDirectory,
        StageDirectory = StageDirectory,
        Settings = new ResolvedMap(_settings.ToList(), SourceLocation.None),
        Previous = Previous,
        Fingerprint = Fingerprint,
        Log = Log,
        Interaction = Interaction,
        State = State,
        Masker = Masker,
        Time = Time,
        Services = new SimpleServiceProvider(),
        AllowAbsolutePaths = AllowAbsolutePaths,
    };

    private ResolvedScalar Value(string value, bool sensitive)
    {
        if (sensitive)
        {
            Masker.Add(value);
        }

        return new ResolvedScalar(value, sensitive, SourceLocation.None);
    }
}
