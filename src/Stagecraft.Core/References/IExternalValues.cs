namespace Stagecraft.Core.References;

public sealed record ExternalValue(string Value, bool Sensitive);

/// <summary>
/// Values from outside the project file: <c>${ssm:…}</c>, <c>${secret:…}</c>, <c>${os:…}</c>.
/// Returns null when the value does not exist; throws <see cref="Diagnostics.StagecraftException"/>
/// when the source cannot be reached or is not supported on the target.
/// </summary>
public interface IExternalValues
{
    ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken);
}
