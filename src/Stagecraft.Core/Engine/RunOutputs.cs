using System.Collections.Concurrent;

namespace Stagecraft.Core.Engine;

/// <summary>Outputs during a run: what stages of this run produced, otherwise what state holds.</summary>
internal sealed class RunOutputs(StateSnapshot state, IReadOnlySet<string> inRun) : IOutputSource
{
    private readonly StateSnapshot _state = state;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, OutputValue>> _produced = new(StringComparer.Ordinal);

    public void Complete(string stage, IReadOnlyDictionary<string, OutputValue> outputs) => _produced[stage] = outputs;

    public OutputLookup Lookup(string stage, string key)
    {
        IReadOnlyDictionary<string, OutputValue>? outputs;
        if (_produced.TryGetValue(stage, out var produced))
        {
            outputs = produced;
        }
        else if (inRun.Contains(stage))
        {
            return new OutputLookup.Pending();
        }
        else
        {
            var record = _state.Find(stage);
            if (record is null || !record.EverDeployed)
            {
                return new OutputLookup.Pending();
            }

            outputs = record.Outputs;
        }

        return outputs.TryGetValue(key, out var value) ? OutputLookups.Of(value) : new OutputLookup.Missing(outputs.Keys.ToList());
    }
}
