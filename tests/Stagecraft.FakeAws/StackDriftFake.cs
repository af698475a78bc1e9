using System.Text.Json.Nodes;

namespace Stagecraft.FakeAws;

/// <summary>
/// CloudFormation drift detection in AWS's documented shapes. control.resource_drift names, per stack,
/// the resources found drifted: { stack: [ { LogicalResourceId, ResourceType, StackResourceDriftStatus,
/// PropertyDifferences } ] }. A detection is in progress for control.drift_detection_polls status
/// calls (default 0), then complete.
/// </summary>
internal static class StackDriftFake
{
    public static JsonNode Detect(FakeState state, Args args)
    {
        var name = args.Required("--stack-name");
        if (CloudFormationFake.Stacks(state)[name] is not JsonObject stack)
        {
            throw FakeError.Aws("ValidationError", "DetectStackDrift", $"Stack with id {name} does not exist");
        }

        var id = $"{Guid.NewGuid()}";
        state.Section("driftDetections")[id] = new JsonObject { ["StackName"] = name, ["StackId"] = stack["StackId"]!.GetValue<string>(), ["Polls"] = 0 };
        return new JsonObject { ["StackDriftDetectionId"] = id };
    }

    public static JsonNode DetectionStatus(FakeState state, Args args)
    {
        var id = args.Required("--stack-drift-detection-id");
        if (state.Section("driftDetections")[id] is not JsonObject detection)
        {
            throw FakeError.Aws("ValidationError", "DescribeStackDriftDetectionStatus", $"Drift detection {id} does not exist");
        }

        var polls = detection["Polls"]!.GetValue<int>();
        detection["Polls"] = polls + 1;
        var reply = new JsonObject
        {
            ["StackId"] = detection["StackId"]!.GetValue<string>(),
            ["StackDriftDetectionId"] = id,
            ["Timestamp"] = "2024-01-01T00:00:00.000Z",
        };
        if (polls < (state.Control["drift_detection_polls"]?.GetValue<int>() ?? 0))
        {
            reply["DetectionStatus"] = "DETECTION_IN_PROGRESS";
            return reply;
        }

        var drifted = Drifted(state, detection["StackName"]!.GetValue<string>()).Count;
        reply["DetectionStatus"] = "DETECTION_COMPLETE";
        reply["StackDriftStatus"] = drifted > 0 ? "DRIFTED" : "IN_SYNC";
        reply["DriftedStackResourceCount"] = drifted;
        return reply;
    }

    public static JsonNode ResourceDrifts(FakeState state, Args args)
    {
        var name = args.Required("--stack-name");
        if (CloudFormationFake.Stacks(state)[name] is not JsonObject stack)
        {
            throw FakeError.Aws("ValidationError", "DescribeStackResourceDrifts", $"Stack with id {name} does not exist");
        }

        var filters = args.All("--stack-resource-drift-status-filters");
        var drifts = Drifted(state, name).Where(d => filters.Count == 0 || filters.Contains(d["StackResourceDriftStatus"]!.GetValue<string>())).Select(d =>
        {
            var copy = d.DeepClone().AsObject();
            copy["StackId"] = stack["StackId"]!.GetValue<string>();
            copy["Timestamp"] = "2024-01-01T00:00:00.000Z";
            return (JsonNode)copy;
        }).ToArray();
        return new JsonObject { ["StackResourceDrifts"] = new JsonArray(drifts) };
    }

    private static List<JsonObject> Drifted(FakeState state, string stack) =>
        state.ControlSection("resource_drift")[stack] is JsonArray list
            ? list.OfType<JsonObject>().Where(d => d["StackResourceDriftStatus"]?.GetValue<string>() is "MODIFIED" or "DELETED").ToList()
            : [];
}
