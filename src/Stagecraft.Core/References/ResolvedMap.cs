namespace Stagecraft.Core.References;

/// <summary>Resolved settings of a stage with typed accessors; a wrong type fails the stage at its location.</summary>
public sealed record ResolvedMap(IReadOnlyList<KeyValuePair<string, ResolvedNode>> Entries, SourceLocation Location)
    : ResolvedNode(Location)
{
    public static ResolvedMap Empty { get; } = new([], SourceLocation.None);

    public ResolvedNode? this[string key]
    {
        get
        {
            foreach (var entry in Entries)
            {
                if (entry.Key == key)
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    public bool Has(string key) => this[key] is not null;

    public ResolvedScalar? Scalar(string key) => this[key] switch
    {
        null => null,
        ResolvedScalar scalar => scalar,
        var other => throw TypeError(key, other, "a single value"),
    };

    public string? String(string key) => Scalar(key)?.Value;

    public string RequiredString(string key) =>
        String(key) ?? throw new StagecraftException($"setting '{key}' is required", ExitCodes.InvalidInput);

    public int? Integer(string key)
    {
        var scalar = Scalar(key);
        if (scalar is null)
        {
            return null;
        }

        return int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ValueError(scalar, key, "a whole number");
    }

    public bool? Boolean(string key)
    {
        var scalar = Scalar(key);
        return scalar is null ? null : BooleanText.TryParse(scalar.Value) ?? throw ValueError(scalar, key, "true or false");
    }

    public TimeSpan? Duration(string key)
    {
        var scalar = Scalar(key);
        return scalar is null ? null : DurationText.TryParse(scalar.Value) ?? throw ValueError(scalar, key, "a duration such as 500ms, 30s, 5m or 1h");
    }

    public IReadOnlyList<ResolvedScalar>? ScalarList(string key) => this[key] switch
    {
        null => null,
        ResolvedList list => list.Items.Select(i => i as ResolvedScalar ?? throw TypeError(key, i, "a list of values")).ToList(),
        var other => throw TypeError(key, other, "a list"),
    };

    public IReadOnlyList<string>? StringList(string key) => ScalarList(key)?.Select(s => s.Value).ToList();

    public ResolvedMap? Map(string key) => this[key] switch
    {
        null => null,
        ResolvedMap map => map,
        var other => throw TypeError(key, other, "a mapping"),
    };

    /// <summary>A mapping of names to values, e.g. environment variables.</summary>
    public IReadOnlyList<KeyValuePair<string, ResolvedScalar>>? ScalarMap(string key) =>
        Map(key)?.Entries.Select(e => new KeyValuePair<string, ResolvedScalar>(e.Key, e.Value as ResolvedScalar ?? throw TypeError($"{key}.{e.Key}", e.Value, "a single value"))).ToList();

    private static StagecraftException TypeError(string key, ResolvedNode node, string expected) =>
        new($"{node.Location}: setting '{key}' must be {expected}", ExitCodes.InvalidInput);

    private static StagecraftException ValueError(ResolvedScalar scalar, string key, string expected) =>
        new($"{scalar.Location}: setting '{key}' is '{scalar}', which is not {expected}", ExitCodes.InvalidInput);
}
