using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Stagecraft.FakeAws;

/// <summary>
/// serverless deploy/remove in the service directory: the service's stack &lt;service&gt;-&lt;stage&gt;
/// appears with ServiceEndpoint, one …LambdaFunctionQualifiedArn per function, and
/// control.serverless_outputs[stack]. The --param values are kept for assertions.
/// </summary>
internal static class ServerlessFake
{
    public static string Run(FakeState state, Args args)
    {
        var verb = args.Positional.FirstOrDefault() ?? "";
        var file = Path.Combine(Directory.GetCurrentDirectory(), "serverless.yml");
        if (!File.Exists(file))
        {
            throw new FakeError(1, "Error:\nThis command can only be run in a Serverless service directory. Make sure to reference a valid config file in the current working directory");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var service = ((YamlScalarNode)root.Children[new YamlScalarNode("service")]).Value!;
        var stage = args.Get("--stage") ?? "dev";
        var region = args.Get("--region") ?? "us-east-1";
        var stack = $"{service}-{stage}";
        if (verb == "remove")
        {
            CloudFormationFake.Stacks(state).Remove(stack);
            return $"Removing {service} from stage {stage} ({region})\n✔ Service {service} has been successfully removed\n";
        }

        if (verb != "deploy")
        {
            throw new FakeError(1, $"Serverless command \"{verb}\" not found.");
        }

        var outputs = new JsonObject { ["ServiceEndpoint"] = $"https://fake.execute-api.{region}.amazonaws.com/{stage}" };
        if (root.Children.TryGetValue(new YamlScalarNode("functions"), out var functions) && functions is YamlMappingNode map)
        {
            foreach (var key in map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
            {
                outputs[char.ToUpperInvariant(key[0]) + key[1..] + "LambdaFunctionQualifiedArn"] = $"arn:aws:lambda:{region}:{FakeState.Account}:function:{service}-{stage}-{key}:1";
            }
        }

        // Outputs the service declares itself (resources.Outputs) get a recognisable fake value.
        if (root.Children.TryGetValue(new YamlScalarNode("resources"), out var resources) && resources is YamlMappingNode resourceMap
            && resourceMap.Children.TryGetValue(new YamlScalarNode("Outputs"), out var declared) && declared is YamlMappingNode declaredMap)
        {
            foreach (var key in declaredMap.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
            {
                outputs[key] = $"{stack}-{key}";
            }
        }

        if (state.ControlSection("serverless_outputs")[stack] is JsonObject given)
        {
            foreach (var (key, value) in given)
            {
                outputs[key] = value!.GetValue<string>();
            }
        }

        CloudFormationFake.PutStack(state, stack, outputs);
        state.Section("serverlessParams")[stack] = new JsonArray(args.All("--param").Select(p => (JsonNode)JsonValue.Create(p)!).ToArray());
        return $"Deploying {service} to stage {stage} ({region})\n\n✔ Service deployed to stack {stack} (42s)\n\nendpoint: {outputs["ServiceEndpoint"]}\n";
    }
}
