namespace Stagecraft.Core.Planning;

/// <summary>Outputs as state knows them; a stage that will deploy in this plan has outputs not known yet.</summary>
public sealed class StateOutputSource(StateSnapshot state, IReadOnlySet<string> changing) : IOutputSource
{
    private readonly StateSnapshot _state = state;

    public OutputLookup Lookup(string stage, string key)
    {
        var record = _state.Find(stage);
        if (changing.Contains(stage) || record is null || !record.EverDeployed)
        {
            return new OutputLookup.Pending();
        }

        return record.Outputs.TryGetValue(key, out var value)
            ? OutputLookups.Of(value)
            : new OutputLookup.Missing(record.Outputs.Keys.ToList());
    }
}
