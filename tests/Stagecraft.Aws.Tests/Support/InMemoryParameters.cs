using System.Collections.Concurrent;
using Stagecraft.Core.Parameters;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>An SSM Parameter Store in a dictionary.</summary>
internal sealed class InMemoryParameters : IParameterStore
{
    public ConcurrentDictionary<string, ParameterValue> Values { get; } = new(StringComparer.Ordinal);

    public Task<ParameterValue?> GetAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Values.TryGetValue(name, out var value) ? value : null);

    public Task PutAsync(string name, string value, bool secure, CancellationToken cancellationToken)
    {
        Values[name] = new ParameterValue(value, secure);
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Values.TryRemove(name, out _));

    public Task<IReadOnlyList<ParameterEntry>> ListAsync(string prefix, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ParameterEntry>>(Values.Where(v => v.Key.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new ParameterEntry(v.Key, v.Value.Value, v.Value.Secure, null)).ToList());
}
