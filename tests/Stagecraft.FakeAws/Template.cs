using YamlDotNet.RepresentationModel;

namespace Stagecraft.FakeAws;

/// <summary>Reads a template's resources and output names (short-form tags are kept as node tags).</summary>
internal static class Template
{
    public static (Dictionary<string, string> Resources, List<string> Outputs) Read(string body)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(body));
        var resources = new Dictionary<string, string>(StringComparer.Ordinal);
        var outputs = new List<string>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw FakeError.Aws("ValidationError", "CreateChangeSet", "Template format error: not a mapping");
        }

        if (root.Children.TryGetValue(new YamlScalarNode("Resources"), out var r) && r is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                var type = value is YamlMappingNode body2 && body2.Children.TryGetValue(new YamlScalarNode("Type"), out var t) ? (t as YamlScalarNode)?.Value : null;
                resources[((YamlScalarNode)key).Value!] = type ?? "AWS::CloudFormation::WaitConditionHandle";
            }
        }

        if (root.Children.TryGetValue(new YamlScalarNode("Outputs"), out var o) && o is YamlMappingNode outMap)
        {
            outputs.AddRange(outMap.Children.Keys.Select(k => ((YamlScalarNode)k).Value!));
        }

        return (resources, outputs);
    }
}
