using System.Collections.Concurrent;

namespace Stagecraft.Core.References;

public sealed class VariableCache
{
    internal ConcurrentDictionary<string, ResolvedScalar> Values { get; } = new(StringComparer.Ordinal);
}
