using System.Collections;
using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State;

/// <summary>Outputs that fail as soon as a store serialises them.</summary>
internal sealed class ThrowingOutputs : IReadOnlyDictionary<string, OutputValue>
{
    public int Count => 1;

    public IEnumerable<string> Keys => throw Failure();

    public IEnumerable<OutputValue> Values => throw Failure();

    public OutputValue this[string key] => throw Failure();

    public bool ContainsKey(string key) => throw Failure();

    public bool TryGetValue(string key, out OutputValue value) => throw Failure();

    public IEnumerator<KeyValuePair<string, OutputValue>> GetEnumerator() => throw Failure();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static InvalidOperationException Failure() => new("simulated serialisation failure");
}
