namespace Stagecraft.Core.Config;

public sealed record ConfigEntry(string Key, SourceLocation KeyLocation, ConfigNode Value);

/// <summary>A mapping in file order; keys are unique (the reader rejects duplicates).</summary>
public sealed record ConfigMap(IReadOnlyList<ConfigEntry> Entries, SourceLocation Location) : ConfigNode(Location)
{
    public static ConfigMap Empty(SourceLocation location) => new([], location);

    public ConfigEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }

        return null;
    }

    public ConfigNode? this[string key] => Find(key)?.Value;

    public override string Describe() => "a mapping";
}
