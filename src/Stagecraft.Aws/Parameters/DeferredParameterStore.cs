namespace Stagecraft.Aws.Parameters;

/// <summary>Makes the SSM client only when a parameter is first used, so opening an environment needs no credentials.</summary>
internal sealed class DeferredParameterStore(Func<IParameterStore> factory) : IParameterStore
{
    private readonly Lazy<IParameterStore> _store = new Lazy<IParameterStore>(factory);

    public string Description => "SSM Parameter Store";

    public Task<Parameter?> GetAsync(string name, CancellationToken cancellationToken) => _store.Value.GetAsync(name, cancellationToken);

    public Task<string?> PutAsync(string name, string value, bool secure, CancellationToken cancellationToken) => _store.Value.PutAsync(name, value, secure, cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => _store.Value.DeleteAsync(name, cancellationToken);

    public Task<IReadOnlyList<Parameter>> ListAsync(string path, CancellationToken cancellationToken) => _store.Value.ListAsync(path, cancellationToken);
}
