using System.Collections.Concurrent;
using Stagecraft.Core.Parameters;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>A stored value and whether it is a SecureString.</summary>
internal sealed record ParameterValue(string Value, bool Secure);

/// <summary>An SSM Parameter Store in a dictionary.</summary>
internal sealed class InMemoryParameters : IParameterStore
{
    public ConcurrentDictionary<string, ParameterValue> Values { get; } = new(StringComparer.Ordinal);

    public string Description => "in-memory SSM";

    public Task<Parameter?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Values.TryGetValue(name, out var value) ? ToParameter(name, value) : null);

    public Task<string?> PutAsync(string name, string value, bool secure, CancellationToken cancellationToken)
    {
        Values[name] = new ParameterValue(value, secure);
        return Task.FromResult<string?>(null);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Values.TryRemove(name, out _));

    public Task<IReadOnlyList<Parameter>> ListAsync(string path, CancellationToken cancellationToken)
    {
        var under = path.EndsWith('/') ? path : path + "/";
        return Task.FromResult<IReadOnlyList<Parameter>>(Values.Where(v => v.Key.StartsWith(under, StringComparison.Ordinal))
            .OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => ToParameter(v.Key, v.Value)).ToList());
    }

    private static Parameter ToParameter(string name, ParameterValue value) => new(name, value.Value, value.Secure, DateTimeOffset.UnixEpoch);
}
