using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Stagecraft.FakeAws;

/// <summary>docker login (password from stdin only), build, push (digest line as docker prints it), manifest inspect.</summary>
internal static partial class DockerFake
{
    public static string Run(FakeState state, Args args)
    {
        var verb = args.Positional.FirstOrDefault() ?? "";
        var local = state.Section("localImages");
        var registry = state.Section("registry");
        switch (verb)
        {
            case "login":
                var password = Console.In.ReadToEnd().Trim();
                if (!args.Has("--password-stdin") || password.Length == 0)
                {
                    throw new FakeError(1, "Error: Cannot perform an interactive login from a non TTY device");
                }

                state.Section("logins")[args.Positional[1]] = args.Get("--username");
                return "Login Succeeded\n";
            case "build":
                var context = args.Positional.LastOrDefault() ?? throw new FakeError(1, "\"docker build\" requires exactly 1 argument.");
                if (!Directory.Exists(context))
                {
                    throw new FakeError(1, $"ERROR: unable to prepare context: path \"{context}\" not found");
                }

                var tag = args.Required("--tag");
                local[tag] = "sha256:" + Hash("image " + tag);
                state.Section("build_args")[tag] = BuildArgs(args);
                return $"#1 [internal] load build definition from Dockerfile\n#2 naming to {tag} done\n";
            case "push":
                var name = args.Positional[1];
                if (local[name] is null)
                {
                    throw new FakeError(1, $"An image does not exist locally with the tag: {name}");
                }

                var digest = "sha256:" + Hash("manifest " + name);
                registry[name] = digest;
                var match = Ecr().Match(name);
                if (match.Success)
                {
                    var repositories = state.Section("ecr");
                    var repository = repositories[match.Groups[1].Value] as JsonObject ?? new JsonObject();
                    repository[match.Groups[2].Value] = digest;
                    repositories[match.Groups[1].Value] = repository;
                }

                var colon = name.LastIndexOf(':');
                return $"The push refers to repository [{name[..colon]}]\n5f70bf18a086: Pushed\n{name[(colon + 1)..]}: digest: {digest} size: 1570\n";
            case "manifest":
                var reference = args.Positional.LastOrDefault() ?? "";
                return registry[reference] is { } known
                    ? $"{{\n  \"Ref\": \"{reference}\",\n  \"Descriptor\": {{\n    \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n    \"digest\": \"{known.GetValue<string>()}\",\n    \"size\": 1570\n  }}\n}}\n"
                    : throw new FakeError(1, $"no such manifest: {reference}");
            default:
                throw new FakeError(1, $"docker: '{verb}' is not a docker command.");
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com/(.+):([^:/]+)$")]
    private static partial Regex Ecr();

    // Like docker: 'NAME=value' is literal, a bare 'NAME' takes the value from the environment (absent when unset).
    private static JsonObject BuildArgs(Args args)
    {
        var values = new JsonObject();
        foreach (var arg in args.All("--build-arg"))
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                values[arg[..equals]] = arg[(equals + 1)..];
            }
            else if (Environment.GetEnvironmentVariable(arg) is { } value)
            {
                values[arg] = value;
            }
        }

        return values;
    }
}
