namespace Stagecraft.Core.Config;

/// <summary>Reads keys of one mapping with type checks; every problem goes to the bag.</summary>
internal sealed class MapReader(ConfigMap map, string owner, DiagnosticBag diagnostics, SourceLocation? ownerLocation = null)
{
    private readonly DiagnosticBag _diagnostics = diagnostics;

    public ConfigMap Map { get; } = map;

    /// <summary>Where the owner is named (a stage's or environment's key): missing keys are reported there.</summary>
    public SourceLocation OwnerLocation { get; } = ownerLocation ?? map.Location;

    /// <summary>Names the mapping in messages, e.g. "stage 'web'".</summary>
    public string Owner { get; } = owner;

    public static MapReader? For(ConfigNode? node, string owner, DiagnosticBag diagnostics, SourceLocation fallback)
    {
        switch (node)
        {
            case ConfigMap map:
                return new MapReader(map, owner, diagnostics, fallback);
            case ConfigScalar { IsNull: true }:
                return new MapReader(ConfigMap.Empty(node.Location), owner, diagnostics, fallback);
            case null:
                return null;
            default:
                diagnostics.Add(node.Location is { Line: > 0 } ? node.Location : fallback, $"{owner} must be a mapping of keys to values, not {node.Describe()}", "write its keys on the lines below it, indented, as 'key: value'");
                return null;
        }
    }

    public void RejectUnknownKeys(IReadOnlyCollection<string> allowed, string? extraHint = null)
    {
        foreach (var entry in Map.Entries)
        {
            if (!allowed.Contains(entry.Key))
            {
                var hint = DidYouMean.Hint(entry.Key, allowed, "keys");
                _diagnostics.Add(entry.KeyLocation, $"unknown key '{entry.Key}' in {Owner}", extraHint is null ? hint : $"{hint}; {extraHint}");
            }
        }
    }

    /// <summary>
    /// Without a known kind or target there is no one schema to check against: a key that none of
    /// them accepts is still an error (a misspelled 'kind' or 'target' is the usual one), so it is
    /// reported beside the missing or unknown key instead of being hidden by it.
    /// </summary>
    public void RejectKeysNoSchemaKnows(IReadOnlyCollection<string> common, IEnumerable<KindSchema> schemas, string chooser)
    {
        var schemaList = schemas.ToList();
        if (schemaList.Any(s => s.AllowUnknownKeys))
        {
            return;
        }

        var known = common.Concat(schemaList.SelectMany(s => s.Fields.Select(f => f.Name))).Distinct(StringComparer.Ordinal).ToList();
        foreach (var entry in Map.Entries.Where(e => !known.Contains(e.Key, StringComparer.Ordinal)))
        {
            var suggestion = DidYouMean.Suggest(entry.Key, common) ?? DidYouMean.Suggest(entry.Key, known);
            _diagnostics.Add(entry.KeyLocation, $"unknown key '{entry.Key}' in {Owner}",
                suggestion is null ? $"no {chooser} takes it; the keys every one takes: {string.Join(", ", common)}" : $"did you mean '{suggestion}'?");
        }
    }

    public ConfigScalar? Scalar(string key, bool required = false)
    {
        var entry = Map.Find(key);
        if (entry is null || entry.Value is ConfigScalar { IsNull: true })
        {
            if (required)
            {
                _diagnostics.Add(entry?.KeyLocation ?? OwnerLocation, $"{Owner} is missing '{key}'", $"add '{key}: …' to {Owner}");
            }

            return null;
        }

        if (entry.Value is not ConfigScalar scalar)
        {
            _diagnostics.Add(entry.Value.Location, $"'{key}' in {Owner} must be a single value, not {entry.Value.Describe()}", $"write it as '{key}: value' (quote the value if it starts with '[', '{{' or '-')");
            return null;
        }

        return scalar;
    }

    public bool Boolean(string key, bool fallback)
    {
        var scalar = Scalar(key);
        if (scalar is null)
        {
            return fallback;
        }

        var value = BooleanText.TryParse(scalar.Text);
        if (value is null)
        {
            _diagnostics.Add(scalar.Location, $"'{key}' in {Owner} must be true or false, not '{scalar.Text}'", $"write '{key}: true' or '{key}: false'");
        }

        return value ?? fallback;
    }

    public ConfigMap? Mapping(string key) => MapReader.For(Map[key], $"'{key}' in {Owner}", _diagnostics, Map.Find(key)?.KeyLocation ?? Map.Location)?.Map;

    public ConfigList? List(string key, bool allowSingle = false)
    {
        var entry = Map.Find(key);
        switch (entry?.Value)
        {
            case null:
            case ConfigScalar { IsNull: true }:
                return null;
            case ConfigList list:
                return list;
            case ConfigScalar scalar when allowSingle:
                return new ConfigList([scalar], scalar.Location);
            default:
                _diagnostics.Add(entry.Value.Location, $"'{key}' in {Owner} must be a list, not {entry.Value.Describe()}", $"write it as [a, b] or as lines starting with '- '");
                return null;
        }
    }
}
