using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Stagecraft.Core.Config;

/// <summary>
/// Turns the parser's events into <see cref="ConfigNode"/>s: anchors, aliases, merge keys and
/// duplicate keys, within the depth and size bounds of <see cref="YamlLimits"/>.
/// </summary>
internal sealed class NodeReader(GuardedYamlParser parser)
{
    private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);

    // How many values each node stands for, aliases expanded: a chain of aliases can multiply a
    // short file into billions of values for whoever walks the tree later.
    private readonly Dictionary<ConfigNode, long> _weights = new(ReferenceEqualityComparer.Instance);

    public ConfigNode Read(int depth) => ReadNode(depth);

    private ConfigNode ReadNode(int depth)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new InvalidInputException([new Diagnostic(parser.ToLocation(alias.Start), $"unknown YAML anchor '*{alias.Value.Value}'",
                $"define it first with '&{alias.Value.Value}' on a value above this line")]);
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
            var isNull = !quoted && scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            var node = new ConfigScalar(isNull ? "" : scalar.Value, parser.ToLocation(scalar.Start), quoted, isNull);
            Remember(scalar.Anchor, node, 1);
            return node;
        }

        if (parser.Accept<NodeEvent>(out var start) && start is SequenceStart or MappingStart && depth >= YamlLimits.MaxDepth)
        {
            throw new InvalidInputException([new Diagnostic(parser.ToLocation(start.Start),
                $"lists and mappings are nested more than {YamlLimits.MaxDepth} levels deep here",
                "flatten the structure, or check for a '[' or '{' that was never closed")]);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            return ReadSequence(sequenceStart, depth);
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            return ReadMapping(mappingStart, depth);
        }

        throw new InvalidInputException([new Diagnostic(YamlDocumentReader.At(parser), "unexpected YAML content",
            "write a value, a list or a mapping here")]);
    }

    private ConfigList ReadSequence(SequenceStart start, int depth)
    {
        var items = new List<ConfigNode>();
        long weight = 1;
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var item = ReadNode(depth + 1);
            weight += WeightOf(item);
            items.Add(item);
        }

        var list = new ConfigList(items, parser.ToLocation(start.Start));
        Remember(start.Anchor, list, weight);
        return list;
    }

    private ConfigMap ReadMapping(MappingStart start, int depth)
    {
        var entries = new List<ConfigEntry>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var fromMerge = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(depth + 1);
            if (keyNode is not ConfigScalar key)
            {
                throw new InvalidInputException([new Diagnostic(keyNode.Location, "a mapping key must be a plain name, not " + keyNode.Describe(),
                    "write the key as a name followed by ': ' (a '[' or '{' or '? ' before a key makes it a list or mapping)")]);
            }

            if (key.Text == "<<")
            {
                // YAML merge key: copy the referenced mapping's entries; keys written here win.
                foreach (var entry in MergeSources(ReadNode(depth + 1)))
                {
                    if (seen.TryAdd(entry.Key, entry.KeyLocation))
                    {
                        fromMerge.Add(entry.Key);
                        entries.Add(entry);
                    }
                }

                continue;
            }

            if (seen.TryGetValue(key.Text, out var first))
            {
                if (!fromMerge.Remove(key.Text))
                {
                    throw new InvalidInputException([new Diagnostic(key.Location,
                        $"duplicate key '{key.Text}' (first written at line {first.Line})", "remove one of them: YAML keeps only one")]);
                }

                entries.RemoveAll(e => e.Key == key.Text);
            }

            seen[key.Text] = key.Location;
            entries.Add(new ConfigEntry(key.Text, key.Location, ReadNode(depth + 1)));
        }

        var map = new ConfigMap(entries, parser.ToLocation(start.Start));
        Remember(start.Anchor, map, 1 + entries.Sum(e => 1 + WeightOf(e.Value)));
        return map;
    }

    private static IEnumerable<ConfigEntry> MergeSources(ConfigNode node) => node switch
    {
        ConfigMap map => map.Entries,
        ConfigList list => list.Items.OfType<ConfigMap>().SelectMany(m => m.Entries),
        _ => throw new InvalidInputException([new Diagnostic(node.Location, "a merge key '<<' needs a mapping (an alias like *defaults)",
            "write '<<: *name' where '&name' marks a mapping above")]),
    };

    private long WeightOf(ConfigNode node) => _weights.GetValueOrDefault(node, 1);

    private void Remember(AnchorName anchor, ConfigNode node, long weight)
    {
        _weights[node] = weight;
        if (weight > YamlLimits.MaxValues)
        {
            throw new InvalidInputException([new Diagnostic(node.Location,
                $"this value holds more than {YamlLimits.MaxValues} values once its aliases are expanded",
                "use fewer aliases of aliases ('*name' of something that itself repeats aliases)")]);
        }

        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }
    }
}
