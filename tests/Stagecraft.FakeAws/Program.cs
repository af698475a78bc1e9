using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stagecraft.FakeAws;

/// <summary>
/// argv[0] names the tool (aws, serverless, cdk, docker); the rest is that tool's argv. Every call
/// is appended to calls.jsonl; control.json can make an operation fail, throttle or hang.
/// </summary>
internal static class Program
{
    private static int Main(string[] argv)
    {
        var directory = Environment.GetEnvironmentVariable("FAKE_AWS_STATE");
        if (argv.Length == 0 || string.IsNullOrEmpty(directory))
        {
            Console.Error.WriteLine("fake: set FAKE_AWS_STATE and pass the tool name first");
            return 2;
        }

        var tool = argv[0];
        var rest = argv[1..];
        try
        {
            string? output;
            using (var state = FakeState.Open(directory))
            {
                Record(directory, tool, rest);
                var key = Key(tool, rest);
                if (Hangs(state, key))
                {
                    output = null;
                }
                else
                {
                    try
                    {
                        Misbehave(state, key, tool, rest);
                        output = Dispatch(state, tool, rest);
                    }
                    finally
                    {
                        // Kept even when the call fails: a describe that finishes a delete says "does not exist".
                        state.Save();
                    }
                }
            }

            if (output is null)
            {
                Console.Out.WriteLine($"{tool}: working…");
                Console.Out.Flush();
                Thread.Sleep(Timeout.Infinite);
            }

            Console.Out.Write(output);
            return 0;
        }
        catch (FakeError error)
        {
            Console.Error.WriteLine(error.Message);
            return error.ExitCode;
        }
    }

    private static string Dispatch(FakeState state, string tool, string[] rest) => tool switch
    {
        "aws" when rest.Contains("--version") => (state.Control["version"]?.GetValue<string>() ?? "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12") + "\n",
        "aws" => Aws(state, rest),
        "docker" => DockerFake.Run(state, new Args(rest)),
        "serverless" => ServerlessFake.Run(state, new Args(rest)),
        "cdk" => CdkFake.Run(state, new Args(rest)),
        "skopeo" => SkopeoFake.Run(state, rest),
        _ => throw new FakeError(127, $"fake: unknown tool {tool}"),
    };

    private static string Aws(FakeState state, string[] rest)
    {
        if (rest.Length < 2)
        {
            throw new FakeError(252, "usage: aws [options] <command> <subcommand> [parameters]");
        }

        var args = new Args(rest[2..]);
        JsonNode? result = rest[0] switch
        {
            "cloudformation" => CloudFormationFake.Run(state, rest[1], args),
            "deploy" => CodeDeployFake.Run(state, rest[1], args),
            "autoscaling" => CodeDeployFake.RunAutoScaling(state, rest[1], args),
            "ecr" when rest[1] == "get-login-password" => null,
            "ecr" => EcrLambdaFake.Ecr(state, rest[1], args),
            "lambda" => EcrLambdaFake.Lambda(state, rest[1], args),
            "imagebuilder" => ImageBuilderFake.Run(state, rest[1], args),
            _ => throw new FakeError(252, $"aws: error: argument command: Invalid choice: '{rest[0]}'"),
        };
        if (rest[0] == "ecr" && rest[1] == "get-login-password")
        {
            return "fake-ecr-password-" + state.NextId() + "\n";
        }

        return result is null ? "" : result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>"aws cloudformation describe-stacks", "docker build", "serverless deploy".</summary>
    private static string Key(string tool, string[] rest) =>
        tool == "aws" && rest.Length >= 2 ? $"aws {rest[0]} {rest[1]}" : rest.Length >= 1 ? $"{tool} {rest[0]}" : tool;

    private static bool Hangs(FakeState state, string key) =>
        state.Control["hang"] is JsonArray hang && hang.Any(h => h?.GetValue<string>() == key);

    // control.json: "throttle": { key: N } fails the first N calls; "fail": { key: { code, message, times } },
    // or { stderr, exit, times } for a failure printed as is (a connection error, a non-aws tool).
    private static void Misbehave(FakeState state, string key, string tool, string[] rest)
    {
        var operation = tool == "aws" && rest.Length >= 2 ? string.Concat(rest[1].Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) : key;
        if (state.ControlSection("throttle")[key] is { } throttle && state.Bump("throttle " + key) < throttle.GetValue<int>())
        {
            state.Save();
            throw FakeError.Aws("Throttling", operation, "Rate exceeded");
        }

        if (state.ControlSection("fail")[key] is JsonObject fail)
        {
            var times = fail["times"]?.GetValue<int>() ?? int.MaxValue;
            if (state.Bump("fail " + key) < times)
            {
                state.Save();
                if (tool != "aws" || fail["stderr"] is not null)
                {
                    throw new FakeError(fail["exit"]?.GetValue<int>() ?? 1, fail["stderr"]?.GetValue<string>() ?? fail["message"]?.GetValue<string>() ?? $"{key} failed");
                }

                throw FakeError.Aws(fail["code"]?.GetValue<string>() ?? "InternalFailure", operation, fail["message"]?.GetValue<string>() ?? "failed");
            }
        }
    }

    private static void Record(string directory, string tool, string[] rest) =>
        File.AppendAllText(Path.Combine(directory, "calls.jsonl"), JsonSerializer.Serialize(new { tool, args = rest }) + "\n");
}
