namespace Stagecraft.Core.Sessions;

/// <summary>
/// Answers ${os:…} from this process and passes ${ssm:…} / ${secret:…} to the target, caching
/// each value for the command and registering secret values with the masker the moment they are read.
/// </summary>
internal sealed class ExternalValues(IExternalValues target, IHostInfo host, SecretMasker masker) : IExternalValues
{
    private readonly IExternalValues _target = target;
    private readonly SecretMasker _masker = masker;
    private readonly Dictionary<(ReferenceKind, string, string?), ExternalValue?> _cache = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken) =>
        GetAsync(kind, name, null, cancellationToken);

    public async ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, string? region, CancellationToken cancellationToken)
    {
        if (kind == ReferenceKind.OsEnvironment)
        {
            var value = host.GetEnvironmentVariable(name);
            return value is null ? null : new ExternalValue(value, false);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_cache.TryGetValue((kind, name, region), out var cached))
            {
                cached = await _target.GetAsync(kind, name, region, cancellationToken).ConfigureAwait(false);
                if (kind == ReferenceKind.Secret && cached is { Sensitive: false })
                {
                    // A secret is sensitive whatever the store says: masking must not depend on every target getting this right.
                    cached = cached with { Sensitive = true };
                }

                _cache[(kind, name, region)] = cached;
                if (cached is { Sensitive: true })
                {
                    _masker.Add(cached.Value);
                }
            }

            return cached;
        }
        finally
        {
            _gate.Release();
        }
    }
}
