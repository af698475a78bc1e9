using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.References;

namespace Stagecraft.Integration.Tests.Data;

/// <summary>Builds resolved stage settings as the engine would hand them to a kind.</summary>
internal sealed class Settings
{
    private readonly List<KeyValuePair<string, ResolvedNode>> _entries = [];

    public static ResolvedScalar Value(string value, bool sensitive = false) => new(value, sensitive, new SourceLocation("stagecraft.yml", 1, 1));

    public Settings Scalar(string key, string value, bool sensitive = false)
    {
        _entries.Add(new(key, Value(value, sensitive)));
        return this;
    }

    public Settings List(string key, params string[] items)
    {
        _entries.Add(new(key, new ResolvedList(items.Select(i => (ResolvedNode)Value(i)).ToList(), SourceLocation.None)));
        return this;
    }

    public Settings Map(string key, params (string Key, string Value, bool Sensitive)[] entries)
    {
        _entries.Add(new(key, new ResolvedMap(entries.Select(e => new KeyValuePair<string, ResolvedNode>(e.Key, Value(e.Value, e.Sensitive))).ToList(), SourceLocation.None)));
        return this;
    }

    public ResolvedMap Build() => new([.. _entries], SourceLocation.None);
}
