namespace Stagecraft.Core.Parameters;

/// <summary>
/// A target's parameter store: plain and secure (encrypted) values under '/'-separated names.
/// The local target keeps them in a file; AWS keeps them in SSM Parameter Store.
/// </summary>
public interface IParameterStore
{
    /// <summary>The value, or null when no parameter has that name.</summary>
    Task<ParameterValue?> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates or overwrites; <paramref name="secure"/> stores it encrypted.</summary>
    Task PutAsync(string name, string value, bool secure, CancellationToken cancellationToken);

    /// <summary>True when it existed.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every parameter whose name starts with <paramref name="prefix"/>, at any depth.</summary>
    Task<IReadOnlyList<ParameterEntry>> ListAsync(string prefix, CancellationToken cancellationToken);
}
