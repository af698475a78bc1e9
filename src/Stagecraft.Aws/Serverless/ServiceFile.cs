using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Stagecraft.Aws.Serverless;

/// <summary>Finds a service's serverless.yml and reads its 'service' name (which names its stack).</summary>
internal static class ServiceFile
{
    private static readonly string[] Names = ["serverless.yml", "serverless.yaml", "serverless.json", "serverless.ts", "serverless.js"];

    public static string? Find(string directory) =>
        Names.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);

    /// <summary>The service name, or null when it cannot be read without running the framework.</summary>
    public static string? ServiceName(string file)
    {
        if (!file.EndsWith(".yml", StringComparison.Ordinal) && !file.EndsWith(".yaml", StringComparison.Ordinal) && !file.EndsWith(".json", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
                || !root.Children.TryGetValue(new YamlScalarNode("service"), out var service))
            {
                return null;
            }

            var name = service switch
            {
                YamlScalarNode scalar => scalar.Value,
                YamlMappingNode map when map.Children.TryGetValue(new YamlScalarNode("name"), out var n) => (n as YamlScalarNode)?.Value,
                _ => null,
            };
            return name is null || name.Contains("${", StringComparison.Ordinal) ? null : name;
        }
        catch (YamlException)
        {
            return null;
        }
    }
}
