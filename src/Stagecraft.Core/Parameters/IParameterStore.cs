namespace Stagecraft.Core.Parameters;

/// <summary>
/// A hierarchical parameter store (AWS SSM Parameter Store, or its local stand-in). Names are
/// absolute paths such as <c>/quickstart/local/common/db_host</c>; see <see cref="Config.Names"/>.
/// Secure values are encrypted at rest and come back decrypted with <see cref="Parameter.Secure"/> set,
/// so callers can mask them.
/// </summary>
public interface IParameterStore
{
    /// <summary>Human description, e.g. "sqlite .stagecraft/local.params.db".</summary>
    string Description { get; }

    Task<Parameter?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or overwrites a parameter; <paramref name="secure"/> stores it encrypted (SecureString).
    /// Returns a notice for the operator (e.g. "created a new key at …") or null.
    /// </summary>
    Task<string?> PutAsync(string name, string value, bool secure, CancellationToken cancellationToken);

    /// <summary>False when there was nothing to delete.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every parameter under a path ("/" for all), recursively, ordered by name.</summary>
    Task<IReadOnlyList<Parameter>> ListAsync(string path, CancellationToken cancellationToken);
}
