using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stagecraft.Aws.CloudFormation;

/// <summary>
/// Reads a template's Parameters offline. YAML with the short-form tags (!Ref, !Sub, !GetAtt,
/// !If…) loads because the representation model keeps tags as node metadata instead of resolving
/// them; JSON templates are YAML too.
/// </summary>
internal static class CfnTemplate
{
    public static IReadOnlyList<TemplateParameter> ReadParameters(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"line {ex.Start.Line}: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException("the template is not a mapping with Resources");
        }

        if (Child(root, "Parameters") is not YamlMappingNode parameters)
        {
            return [];
        }

        var result = new List<TemplateParameter>();
        foreach (var (key, value) in parameters.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var body = value as YamlMappingNode;
            var allowed = body is null ? null : Child(body, "AllowedValues") as YamlSequenceNode;
            result.Add(new TemplateParameter(
                name,
                Scalar(body, "Type"),
                Scalar(body, "Default"),
                allowed?.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
                Scalar(body, "AllowedPattern")));
        }

        return result;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string? Scalar(YamlMappingNode? map, string key) =>
        map is not null && Child(map, key) is YamlScalarNode scalar ? scalar.Value : null;
}
