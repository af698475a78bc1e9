namespace Stagecraft.Core.Sessions;

/// <summary>
/// One command's view of one environment: the validated project, its graph, the opened state
/// store and target, and the shared masker and resolution scope.
/// </summary>
public sealed class EnvironmentSession : IAsyncDisposable
{
    private EnvironmentSession(ProjectDefinition project, EnvironmentDefinition environment, SessionOptions options, StageGraph graph,
        IStateStore state, TargetRuntime target, ResolutionScope scope, StagecraftDirectories directories)
    {
        Project = project;
        Environment = environment;
        Options = options;
        Graph = graph;
        State = state;
        Target = target;
        Scope = scope;
        Directories = directories;
    }

    public ProjectDefinition Project { get; }

    public EnvironmentDefinition Environment { get; }

    public SessionOptions Options { get; }

    public Catalog Catalog => Options.Catalog;

    public SecretMasker Masker => Options.Masker;

    public TimeProvider Time => Options.Time;

    public StageGraph Graph { get; }

    public IStateStore State { get; }

    public TargetRuntime Target { get; }

    public ResolutionScope Scope { get; }

    public StagecraftDirectories Directories { get; }

    public static async Task<EnvironmentSession> OpenAsync(ProjectDefinition project, string? environmentName, SessionOptions options, CancellationToken cancellationToken)
    {
        var environment = EnvironmentSelector.Select(project, environmentName);
        // From here on the session sees only the stages that exist in this environment ('only_in').
        project = project.ForEnvironment(environment.Name);
        EnvironmentSelector.CheckKinds(project, environment, options.Catalog);
        var directories = new StagecraftDirectories(project.Directory, environment.Name);
        var variables = EnvironmentSelector.EffectiveVariables(project, environment);

        // State settings may use variables and ${os:…}, so resolve them before the target exists.
        var bootstrapScope = new ResolutionScope(project.Name, environment.Name, project.Directory, variables, NoOutputs.Instance,
            new ExternalValues(NoTargetValues.Instance, options.Host, options.Masker));
        var stateResolver = new ReferenceResolver(bootstrapScope);
        var stateSettings = (ResolvedMap)await stateResolver.ResolveAsync(environment.State.Settings, cancellationToken).ConfigureAwait(false);
        stateResolver.ThrowIfErrors();

        var backend = options.Catalog.FindBackend(environment.State.Backend)
            ?? throw new InvalidInputException($"unknown state backend '{environment.State.Backend}'");
        var state = backend.Open(new StateOpenContext(project, environment, stateSettings, directories, options.Time)
        {
            Protector = options.Protector?.Invoke(project, environment),
        });
        try
        {
            var descriptor = options.Catalog.FindTarget(environment.Target)
                ?? throw new InvalidInputException($"unknown target '{environment.Target}'");
            var target = await descriptor.OpenAsync(new TargetOpenContext(project, environment, state, directories, options.Masker, options.Time) { Host = options.Host }, cancellationToken).ConfigureAwait(false);
            var scope = bootstrapScope with { External = new ExternalValues(target.External, options.Host, options.Masker) };
            return new EnvironmentSession(project, environment, options, StageGraph.From(project), state, target, scope, directories);
        }
        catch
        {
            await state.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public StageEvaluator CreateEvaluator(StateSnapshot snapshot) =>
        new(Scope, Catalog, new SecretHasher(snapshot.HmacKey), Directories);

    public async Task<(Plan Plan, StateSnapshot Snapshot)> PlanAsync(PlanOptions options, CancellationToken cancellationToken)
    {
        var snapshot = await State.LoadAsync(cancellationToken).ConfigureAwait(false);
        var planner = new Planner(Project, Environment.Name, Graph, snapshot, CreateEvaluator(snapshot));
        return (await planner.PlanAsync(options, cancellationToken).ConfigureAwait(false), snapshot);
    }

    /// <summary>
    /// '--refresh': plans, checks the stages the plan leaves unchanged for drift, and plans again with
    /// what the checks found (drifted: update, gone: create, and their consumers as usual).
    /// </summary>
    public async Task<(Plan Plan, StateSnapshot Snapshot, IReadOnlyList<StageDrift> Drift)> PlanWithRefreshAsync(PlanOptions options, CancellationToken cancellationToken)
    {
        var (plan, snapshot) = await PlanAsync(options, cancellationToken).ConfigureAwait(false);
        var drift = await CheckDriftAsync(plan, snapshot, cancellationToken).ConfigureAwait(false);
        var found = drift.Where(d => d.Result is DriftResult.Drifted or DriftResult.Gone).ToDictionary(d => d.Stage, d => d.Result, StringComparer.Ordinal);
        if (found.Count == 0)
        {
            return (plan, snapshot, drift);
        }

        var planner = new Planner(Project, Environment.Name, Graph, snapshot, CreateEvaluator(snapshot));
        return (await planner.PlanAsync(options with { Drift = found }, cancellationToken).ConfigureAwait(false), snapshot, drift);
    }

    /// <summary>'stagecraft drift': asks every deployed stage the plan leaves unchanged whether what it made still matches state.</summary>
    public Task<IReadOnlyList<StageDrift>> CheckDriftAsync(Plan plan, StateSnapshot snapshot, CancellationToken cancellationToken) =>
        new DriftChecker(this).CheckAsync(plan, snapshot, cancellationToken);

    /// <summary>A stage resolved against the outputs state holds now (for approve and status).</summary>
    public Task<EvaluatedStage> EvaluateAsync(StageDefinition stage, StateSnapshot snapshot, CancellationToken cancellationToken) =>
        CreateEvaluator(snapshot).EvaluateAsync(stage, new StateOutputSource(snapshot, new HashSet<string>()), cancellationToken);

    /// <summary>For 'plan --remote': what the remote side says each changing stage would change.</summary>
    public Task<IReadOnlyList<StageRemoteChanges>> DescribeRemoteChangesAsync(Plan plan, StateSnapshot snapshot, IInteraction interaction, CancellationToken cancellationToken) =>
        new RemoteChangeCollector(this).CollectAsync(plan, snapshot, interaction, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Target.DisposeAsync().ConfigureAwait(false);
        await State.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class NoOutputs : IOutputSource
    {
        public static readonly NoOutputs Instance = new();

        public OutputLookup Lookup(string stage, string key) => new OutputLookup.Pending();
    }

    private sealed class NoTargetValues : IExternalValues
    {
        public static readonly NoTargetValues Instance = new();

        public ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken) =>
            throw new StagecraftException("parameter-store and secret references cannot be used in state settings", ExitCodes.InvalidInput);
    }
}
