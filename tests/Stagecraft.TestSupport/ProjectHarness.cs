using Stagecraft.Core.Config;
using Stagecraft.Core.Engine;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Planning;
using Stagecraft.Core.Sessions;

namespace Stagecraft.TestSupport;

/// <summary>What one deploy did: the plan it executed, the run report and every event the engine emitted.</summary>
public sealed record DeployResult(Plan Plan, RunReport Report, RecordingObserver Observer);

/// <summary>
/// A project in a temporary directory with the test catalog: parse, open an environment, plan and
/// deploy in one call each. State lives in the catalog's in-memory backend, so successive calls see
/// what earlier ones deployed, like successive commands would.
/// </summary>
public sealed class ProjectHarness : IDisposable
{
    public ProjectHarness()
    {
        Catalog.Add(Gate);
    }

    public TestCatalog Test { get; } = new();

    public Catalog Catalog => Test.Catalog;

    /// <summary>Registered as kind 'gate': stages the test starts, holds and releases.</summary>
    public GateKind Gate { get; } = new();

    public TempDirectory Directory { get; } = new();

    public FakeHostInfo Host { get; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ProjectDefinition Parse(string yaml) =>
        ProjectLoader.Parse(yaml, "stagecraft.yml", Directory.Path, Catalog);

    public Task<EnvironmentSession> OpenAsync(string yaml, string? environment = null) =>
        EnvironmentSession.OpenAsync(Parse(yaml), environment, new SessionOptions(Catalog, Host, Time), CancellationToken.None);

    public async Task<Plan> PlanAsync(string yaml, PlanOptions? options = null, string? environment = null)
    {
        await using var session = await OpenAsync(yaml, environment);
        var (plan, _) = await session.PlanAsync(options ?? PlanOptions.All, CancellationToken.None);
        return plan;
    }

    public async Task<DeployResult> DeployAsync(string yaml, PlanOptions? options = null, EngineOptions? engine = null, string? environment = null, CancellationToken cancellationToken = default)
    {
        await using var session = await OpenAsync(yaml, environment);
        var (plan, snapshot) = await session.PlanAsync(options ?? PlanOptions.All, CancellationToken.None);
        var observer = new RecordingObserver();
        var report = await new RunEngine(session, observer, ScriptedInteraction.NoTerminal, Host)
            .ExecuteAsync("deploy", plan, snapshot, engine ?? new EngineOptions { Force = options?.Force ?? [] }, cancellationToken);
        return new DeployResult(plan, report, observer);
    }

    /// <summary>The state of an environment ('local' is the implicit one).</summary>
    public InMemoryStateStore State(string environment = "local") => Test.Backend.For(environment);

    public void Dispose() => Directory.Dispose();
}
