namespace Stagecraft.Local.Kinds.Parameters;

/// <summary>
/// A parameter set's drift: each value it publishes is read back from the store. Secure values are
/// compared, never printed: a difference names the parameter only.
/// </summary>
internal static class ParametersDrift
{
    public static async Task<DriftResult> CheckAsync(StageContext context, CancellationToken cancellationToken)
    {
        var store = context.Require<IParameterStore>();
        var wanted = ParameterSet.From(context.Settings);
        var missing = new List<string>();
        var differences = new List<string>();
        foreach (var entry in wanted.Entries)
        {
            var existing = await store.GetAsync(entry.Name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                missing.Add(entry.Name);
            }
            else if (existing.Value != entry.Value)
            {
                differences.Add(entry.Secure || existing.Secure ? $"{entry.Name} has another value (secure, not shown)" : $"{entry.Name} is '{existing.Value}', not '{entry.Value}'");
            }
            else if (existing.Secure != entry.Secure)
            {
                differences.Add($"{entry.Name} is stored {(existing.Secure ? "encrypted" : "in plain text")}, not {(entry.Secure ? "encrypted" : "in plain text")}");
            }
        }

        if (missing.Count == wanted.Entries.Count)
        {
            return new DriftResult.Gone($"none of its {missing.Count} parameter{(missing.Count == 1 ? " exists" : "s exist")} under {wanted.Path}");
        }

        differences.InsertRange(0, missing.Select(m => m + " was deleted"));
        return differences.Count == 0 ? DriftResult.Same : new DriftResult.Drifted(differences);
    }
}
