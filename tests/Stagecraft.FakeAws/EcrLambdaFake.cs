using System.Text.Json.Nodes;

namespace Stagecraft.FakeAws;

/// <summary>ECR image look-ups (images arrive through the docker fake's push) and Lambda invoke.</summary>
internal static class EcrLambdaFake
{
    public static JsonNode? Ecr(FakeState state, string operation, Args args)
    {
        if (operation != "describe-images")
        {
            throw new FakeError(252, $"aws: error: argument operation: Invalid choice: '{operation}'");
        }

        var repository = args.Required("--repository-name");
        var tag = args.Required("--image-ids").Replace("imageTag=", "", StringComparison.Ordinal);
        if (state.Section("ecr")[repository]?[tag] is not { } digest)
        {
            throw FakeError.Aws("ImageNotFoundException", "DescribeImages",
                $"The image with imageId {{imageDigest:'null', imageTag:'{tag}'}} does not exist within the repository with name '{repository}' in the registry with id '{FakeState.Account}'");
        }

        return new JsonObject
        {
            ["imageDetails"] = new JsonArray(new JsonObject
            {
                ["registryId"] = FakeState.Account,
                ["repositoryName"] = repository,
                ["imageDigest"] = digest.GetValue<string>(),
                ["imageTags"] = new JsonArray(tag),
            }),
        };
    }

    public static JsonNode? Lambda(FakeState state, string operation, Args args)
    {
        if (operation != "invoke")
        {
            throw new FakeError(252, $"aws: error: argument operation: Invalid choice: '{operation}'");
        }

        var function = args.Required("--function-name");
        var outfile = args.Positional.LastOrDefault() ?? throw new FakeError(252, "aws: error: the following arguments are required: outfile");
        var payload = args.Get("--payload") is { } p ? Args.Content(p) : "{}";
        if (state.Control["lambda_missing"] is JsonArray missing && missing.Any(m => m?.GetValue<string>() == function))
        {
            throw FakeError.Aws("ResourceNotFoundException", "Invoke", $"Function not found: arn:aws:lambda:eu-west-2:{FakeState.Account}:function:{function}");
        }

        // The files' modes as the CLI found them: tests check that secrets are not world-readable.
        state.Section("lambda_file_modes")[function] = new JsonObject
        {
            ["payload"] = Mode(args.Get("--payload")?.Replace("fileb://", "", StringComparison.Ordinal)),
            ["outfile"] = Mode(outfile),
        };
        var invocations = state.Section("lambda")[function] as JsonArray ?? new JsonArray();
        invocations.Add(payload);
        state.Section("lambda")[function] = invocations;
        var reply = new JsonObject { ["StatusCode"] = 200, ["ExecutedVersion"] = "$LATEST" };
        if (state.ControlSection("lambda_errors")[function] is JsonObject error)
        {
            File.WriteAllText(outfile, error.ToJsonString());
            reply["FunctionError"] = "Unhandled";
        }
        else
        {
            File.WriteAllText(outfile, state.ControlSection("lambda_responses")[function]?.ToJsonString() ?? "{\"statusCode\":200,\"body\":\"ok\"}");
        }

        return reply;
    }

    private static string Mode(string? path) =>
        path is null || !File.Exists(path) ? "missing" : OperatingSystem.IsWindows() ? "windows" : Convert.ToString((int)File.GetUnixFileMode(path), 8);
}
