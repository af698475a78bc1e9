namespace Stagecraft.Core.References;

public sealed record ExternalValue(string Value, bool Sensitive);

/// <summary>
/// Values from outside the project file: <c>${ssm:…}</c>, <c>${secret:…}</c>, <c>${os:…}</c>,
/// <c>${region}</c> and <c>${account}</c> (name empty).
/// Returns null when the value does not exist; throws <see cref="Diagnostics.StagecraftException"/>
/// when the source cannot be reached or is not supported on the target.
/// </summary>
public interface IExternalValues
{
    ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken);

    /// <summary>
    /// The same, asked from a stage that names its own region (a 'region' setting): a target with
    /// regions reads ${ssm:…} there; one without them ignores the region.
    /// </summary>
    ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, string? region, CancellationToken cancellationToken) =>
        GetAsync(kind, name, cancellationToken);
}
