using Stagecraft.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Stagecraft.Core.Config;

/// <summary>
/// Reads one YAML document into <see cref="ConfigNode"/>s with positions. Parsing the event
/// stream ourselves (instead of a deserializer) keeps a location on every value and lets us
/// reject duplicate keys, which YAML libraries tend to resolve silently.
/// </summary>
public static class YamlDocumentReader
{
    public static ConfigNode Read(string text, string fileName)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return ConfigMap.Empty(new SourceLocation(fileName, 1, 1));
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, fileName, anchors);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                throw new InvalidInputException([new Diagnostic(ToLocation(fileName, next.Start),
                    "the file holds more than one YAML document", "keep one document per project file (remove the '---' separator)")]);
            }

            return root;
        }
        catch (YamlException ex)
        {
            // YamlDotNet reports a tab used for indentation at the start of the enclosing mapping; point at the tab itself.
            if (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FindIndentingTab(text, (int)ex.Start.Line) is { } tab)
            {
                throw new InvalidInputException([new Diagnostic(new SourceLocation(fileName, tab.Line, tab.Column),
                    "YAML syntax error: a tab is used for indentation", "indent with spaces: YAML does not allow tabs there")]);
            }

            throw new InvalidInputException([new Diagnostic(ToLocation(fileName, ex.Start),
                "YAML syntax error: " + CleanMessage(ex), "check indentation, quoting and that every ':' is followed by a space")]);
        }
    }

    private static ConfigNode ReadNode(IParser parser, string file, Dictionary<string, ConfigNode> anchors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            throw new InvalidInputException([new Diagnostic(ToLocation(file, alias.Start), $"unknown YAML anchor '*{alias.Value.Value}'")]);
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
            var isNull = !quoted && scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
            var node = new ConfigScalar(isNull ? "" : scalar.Value, ToLocation(file, scalar.Start), quoted, isNull);
            Remember(scalar.Anchor, node, anchors);
            return node;
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<ConfigNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, file, anchors));
            }

            var list = new ConfigList(items, ToLocation(file, sequenceStart.Start));
            Remember(sequenceStart.Anchor, list, anchors);
            return list;
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<ConfigEntry>();
            var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            var fromMerge = new HashSet<string>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, file, anchors);
                if (keyNode is not ConfigScalar key)
                {
                    throw new InvalidInputException([new Diagnostic(keyNode.Location, "a mapping key must be a plain name, not " + keyNode.Describe())]);
                }

                if (key.Text == "<<")
                {
                    // YAML merge key: copy the referenced mapping's entries; keys written here win.
                    foreach (var entry in MergeSources(ReadNode(parser, file, anchors)))
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
                entries.Add(new ConfigEntry(key.Text, key.Location, ReadNode(parser, file, anchors)));
            }

            var map = new ConfigMap(entries, ToLocation(file, mappingStart.Start));
            Remember(mappingStart.Anchor, map, anchors);
            return map;
        }

        var unexpected = parser.Current!;
        throw new InvalidInputException([new Diagnostic(ToLocation(file, unexpected.Start), "unexpected YAML content")]);
    }

    private static IEnumerable<ConfigEntry> MergeSources(ConfigNode node) => node switch
    {
        ConfigMap map => map.Entries,
        ConfigList list => list.Items.OfType<ConfigMap>().SelectMany(m => m.Entries),
        _ => throw new InvalidInputException([new Diagnostic(node.Location, "a merge key '<<' needs a mapping (an alias like *defaults)")]),
    };

    private static void Remember(AnchorName anchor, ConfigNode node, Dictionary<string, ConfigNode> anchors)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static (int Line, int Column)? FindIndentingTab(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var content = lines[i].TrimStart(' ', '\t');
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            var indent = lines[i].Length - content.Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static SourceLocation ToLocation(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    private static string CleanMessage(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (…): "; we show the location ourselves.
        var message = ex.Message;
        var marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 ? message[(marker + 3)..] : message;
    }
}
