using System.Text.Json.Nodes;

namespace Stagecraft.FakeAws;

/// <summary>
/// EC2 Image Builder: a started build goes BUILDING → TESTING → DISTRIBUTING → AVAILABLE, one step
/// per get-image; control "imagebuilder_fail": reason makes it end FAILED, "imagebuilder_regions"
/// lists where it distributes (default eu-west-2), "imagebuilder_stuck": true keeps it BUILDING.
/// </summary>
internal static class ImageBuilderFake
{
    private static readonly string[] Steps = ["PENDING", "BUILDING", "TESTING", "DISTRIBUTING"];

    public static JsonNode? Run(FakeState state, string operation, Args args)
    {
        var builds = state.Section("imagebuilder");
        switch (operation)
        {
            case "start-image-pipeline-execution":
            {
                var pipeline = args.Required("--image-pipeline-arn");
                var token = args.Required("--client-token");
                if (builds.FirstOrDefault(b => b.Value?["token"]?.GetValue<string>() == token) is { Value: not null } existing)
                {
                    return new JsonObject { ["requestId"] = "r", ["clientToken"] = token, ["imageBuildVersionArn"] = existing.Key };
                }

                var version = state.NextId();
                var arn = $"{pipeline.Replace(":image-pipeline/", ":image/", StringComparison.Ordinal)}/1.0.{version}/1";
                builds[arn] = new JsonObject { ["token"] = token, ["polls"] = 0, ["status"] = "PENDING" };
                return new JsonObject { ["requestId"] = "r", ["clientToken"] = token, ["imageBuildVersionArn"] = arn };
            }

            case "get-image":
            {
                var arn = args.Required("--image-build-version-arn");
                if (builds[arn] is not JsonObject build)
                {
                    throw FakeError.Aws("ResourceNotFoundException", "GetImage", $"The image {arn} does not exist");
                }

                var polls = build["polls"]!.GetValue<int>() + 1;
                build["polls"] = polls;
                var status = build["status"]!.GetValue<string>();
                if (status is not ("CANCELLED" or "FAILED" or "AVAILABLE") && state.Control["imagebuilder_stuck"] is null)
                {
                    status = polls < Steps.Length ? Steps[polls]
                        : state.Control["imagebuilder_fail"] is { } ? "FAILED" : "AVAILABLE";
                    build["status"] = status;
                }

                var image = new JsonObject
                {
                    ["arn"] = arn,
                    ["state"] = new JsonObject { ["status"] = status, ["reason"] = status == "FAILED" ? state.Control["imagebuilder_fail"]!.GetValue<string>() : null },
                };
                if (status == "AVAILABLE")
                {
                    var regions = state.Control["imagebuilder_regions"] is JsonArray r ? r.Select(x => x!.GetValue<string>()).ToList() : ["eu-west-2"];
                    image["outputResources"] = new JsonObject
                    {
                        ["amis"] = new JsonArray(regions.Select(region => (JsonNode)new JsonObject
                        {
                            ["region"] = region,
                            ["image"] = $"ami-{region.Replace("-", "", StringComparison.Ordinal)}{polls:D4}",
                            ["name"] = "golden 1.0 " + region,
                            ["accountId"] = FakeState.Account,
                        }).ToArray()),
                    };
                }

                return new JsonObject { ["requestId"] = "r", ["image"] = image };
            }

            case "cancel-image-creation":
            {
                var arn = args.Required("--image-build-version-arn");
                if (builds[arn] is JsonObject build)
                {
                    build["status"] = "CANCELLED";
                }

                return new JsonObject { ["requestId"] = "r", ["imageBuildVersionArn"] = arn };
            }

            default:
                throw new FakeError(252, $"aws: error: argument operation: Invalid choice: '{operation}'");
        }
    }
}
