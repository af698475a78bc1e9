using Stagecraft.Core.References;
using Stagecraft.Core.State;

namespace Stagecraft.Core.Tests.References;

/// <summary>Upstream outputs for resolver tests: deployed stages with outputs; any other stage is pending.</summary>
internal sealed class FakeOutputs : IOutputSource
{
    private readonly Dictionary<string, Dictionary<string, OutputValue>> _deployed = new(StringComparer.Ordinal);

    public FakeOutputs Deployed(string stage, params (string Key, string Value)[] outputs)
    {
        _deployed[stage] = outputs.ToDictionary(o => o.Key, o => new OutputValue(o.Value), StringComparer.Ordinal);
        return this;
    }

    public FakeOutputs DeployedSecret(string stage, string key, string value)
    {
        _deployed[stage] = new Dictionary<string, OutputValue>(StringComparer.Ordinal) { [key] = new OutputValue(value, Sensitive: true) };
        return this;
    }

    public OutputLookup Lookup(string stage, string key)
    {
        if (!_deployed.TryGetValue(stage, out var outputs))
        {
            return new OutputLookup.Pending();
        }

        return outputs.TryGetValue(key, out var value) ? OutputLookups.Of(value) : new OutputLookup.Missing(outputs.Keys.ToList());
    }
}
