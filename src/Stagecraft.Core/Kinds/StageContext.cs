namespace Stagecraft.Core.Kinds;

/// <summary>Everything a kind gets to apply or destroy one stage.</summary>
public sealed class StageContext
{
    public required string Project { get; init; }

    public required EnvironmentDefinition Environment { get; init; }

    public required string Stage { get; init; }

    public required long RunId { get; init; }

    public required string ProjectDirectory { get; init; }

    public required string StageDirectory { get; init; }

    public required ResolvedMap Settings { get; init; }

    /// <summary>The stage's record before this run, if it was ever deployed.</summary>
    public required StageRecord? Previous { get; init; }

    public required string Fingerprint { get; init; }

    public required IStageLog Log { get; init; }

    public required IInteraction Interaction { get; init; }

    public required IStateStore State { get; init; }

    public required SecretMasker Masker { get; init; }

    public required TimeProvider Time { get; init; }

    public required IServiceProvider Services { get; init; }

    public bool AllowAbsolutePaths { get; init; }

    public T Require<T>()
        where T : class =>
        Services.GetService(typeof(T)) as T
        ?? throw new StagecraftException($"stage '{Stage}' needs {typeof(T).Name}, which target '{Environment.Target}' does not provide", ExitCodes.InvalidInput);

    /// <summary>A path setting resolved inside the project (or absolute, when the project allows it).</summary>
    public string ResolvePath(ResolvedScalar value) =>
        ProjectPaths.Resolve(ProjectDirectory, value.Value, AllowAbsolutePaths, value.Location);

    public Task<string?> GetDataAsync(string key, CancellationToken cancellationToken) =>
        State.GetStageDataAsync(Stage, key, cancellationToken);

    public Task SetDataAsync(string key, string? value, CancellationToken cancellationToken) =>
        State.SetStageDataAsync(Stage, key, value, cancellationToken);
}
