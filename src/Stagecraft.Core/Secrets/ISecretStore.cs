namespace Stagecraft.Core.Secrets;

/// <summary>
/// An environment's secrets, answering <c>${secret:NAME}</c>. Values never leave it except through
/// <see cref="GetAsync"/>, whose result the caller registers with the <see cref="SecretMasker"/>.
/// </summary>
public interface ISecretStore
{
    /// <summary>Human description of where secrets and their key live (never a value).</summary>
    string Description { get; }

    Task<string?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Stores a value; returns a notice for the operator (e.g. "created a new key at …") or null.</summary>
    Task<string?> SetAsync(string name, string value, CancellationToken cancellationToken);

    /// <summary>False when there was nothing to remove.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);

    /// <summary>Names and when/by whom they were set; never values.</summary>
    Task<IReadOnlyList<SecretInfo>> ListAsync(CancellationToken cancellationToken);
}
