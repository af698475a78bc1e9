namespace Stagecraft.Aws.CloudFormation;

/// <summary><see cref="ICloudFormation"/> through 'aws cloudformation …'; JSON stays in here.</summary>
internal sealed class CloudFormationCli(IAwsCli cli) : ICloudFormation
{
    private const string Service = "cloudformation";

    public async Task<StackDescription?> DescribeStackAsync(StackName stack, CancellationToken cancellationToken)
    {
        JsonElement? json;
        try
        {
            json = await cli.RunAsync(AwsCommand.Of(Service, "describe-stacks", "--stack-name", stack.Value), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsException ex) when (ex.Is("ValidationError") && ex.AwsMessage.Contains("does not exist", StringComparison.Ordinal))
        {
            return null;
        }

        if (json is not { } root || !root.TryGetProperty("Stacks", out var stacks) || stacks.GetArrayLength() == 0)
        {
            return null;
        }

        var item = stacks[0];
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.TryGetProperty("Outputs", out var list))
        {
            foreach (var output in list.EnumerateArray())
            {
                outputs[Json.String(output, "OutputKey") ?? ""] = Json.String(output, "OutputValue") ?? "";
            }
        }

        return new StackDescription(Json.String(item, "StackId") ?? "", new StackName(Json.String(item, "StackName") ?? stack.Value),
            Json.String(item, "StackStatus") ?? "UNKNOWN", Json.String(item, "StackStatusReason"), outputs);
    }

    public async Task<ChangeSetArn> CreateChangeSetAsync(ChangeSetRequest request, CancellationToken cancellationToken)
    {
        var args = new List<string>
        {
            "--stack-name", request.Stack.Value,
            "--change-set-name", request.Name,
            "--change-set-type", request.Create ? "CREATE" : "UPDATE",
            "--template-body", "file://" + request.TemplatePath,
        };
        if (request.ParametersFile is not null)
        {
            args.AddRange(["--parameters", "file://" + request.ParametersFile]);
        }

        if (request.Capabilities.Count > 0)
        {
            args.Add("--capabilities");
            args.AddRange(request.Capabilities);
        }

        if (request.Tags.Count > 0)
        {
            args.AddRange(["--tags", JsonSerializer.Serialize(request.Tags.Select(t => new Dictionary<string, string> { ["Key"] = t.Key, ["Value"] = t.Value }))]);
        }

        var json = await cli.RunAsync(new AwsCommand(Service, "create-change-set", args), cancellationToken).ConfigureAwait(false);
        return new ChangeSetArn(json is { } root ? Json.String(root, "Id") ?? "" : "");
    }

    public async Task<ChangeSetDescription> DescribeChangeSetAsync(ChangeSetArn changeSet, CancellationToken cancellationToken)
    {
        var json = await cli.RunAsync(AwsCommand.Of(Service, "describe-change-set", "--change-set-name", changeSet.Value), cancellationToken).ConfigureAwait(false)
            ?? throw new AwsException(AwsErrorCode.CallFailed, "EmptyOutput", "DescribeChangeSet", "describe-change-set printed nothing");
        var changes = new List<ResourceChange>();
        if (json.TryGetProperty("Changes", out var list))
        {
            foreach (var change in list.EnumerateArray())
            {
                if (change.TryGetProperty("ResourceChange", out var resource))
                {
                    changes.Add(new ResourceChange(Json.String(resource, "Action") ?? "?", Json.String(resource, "LogicalResourceId") ?? "?",
                        Json.String(resource, "ResourceType") ?? "?", Json.String(resource, "Replacement")));
                }
            }
        }

        return new ChangeSetDescription(changeSet, Json.String(json, "Status") ?? "UNKNOWN", Json.String(json, "StatusReason"), Json.String(json, "ExecutionStatus"), changes);
    }

    public Task ExecuteChangeSetAsync(ChangeSetArn changeSet, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of(Service, "execute-change-set", "--change-set-name", changeSet.Value) with { RetryThrottlingOnly = true }, cancellationToken);

    public Task DeleteChangeSetAsync(ChangeSetArn changeSet, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of(Service, "delete-change-set", "--change-set-name", changeSet.Value), cancellationToken);

    public async Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(StackName stack, CancellationToken cancellationToken)
    {
        // One page: events are polled often enough that the newest page holds everything new.
        var json = await cli.RunAsync(AwsCommand.Of(Service, "describe-stack-events", "--stack-name", stack.Value, "--max-items", "100"), cancellationToken).ConfigureAwait(false);
        var events = new List<StackEvent>();
        if (json is { } root && root.TryGetProperty("StackEvents", out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                var time = DateTimeOffset.TryParse(Json.String(item, "Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : DateTimeOffset.MinValue;
                events.Add(new StackEvent(Json.String(item, "EventId") ?? "", time, Json.String(item, "LogicalResourceId") ?? "",
                    Json.String(item, "ResourceType") ?? "", Json.String(item, "ResourceStatus") ?? "", Json.String(item, "ResourceStatusReason")));
            }
        }

        return events;
    }

    public Task DeleteStackAsync(StackName stack, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of(Service, "delete-stack", "--stack-name", stack.Value), cancellationToken);

    public async Task<string> DetectStackDriftAsync(StackName stack, CancellationToken cancellationToken)
    {
        var json = await cli.RunAsync(AwsCommand.Of(Service, "detect-stack-drift", "--stack-name", stack.Value), cancellationToken).ConfigureAwait(false);
        return (json is { } root ? Json.String(root, "StackDriftDetectionId") : null)
            ?? throw new AwsException(AwsErrorCode.CallFailed, "EmptyOutput", "DetectStackDrift", "detect-stack-drift returned no detection id");
    }

    public async Task<StackDriftDetection> DescribeStackDriftDetectionStatusAsync(string detectionId, CancellationToken cancellationToken)
    {
        var json = await cli.RunAsync(AwsCommand.Of(Service, "describe-stack-drift-detection-status", "--stack-drift-detection-id", detectionId), cancellationToken).ConfigureAwait(false)
            ?? throw new AwsException(AwsErrorCode.CallFailed, "EmptyOutput", "DescribeStackDriftDetectionStatus", "describe-stack-drift-detection-status printed nothing");
        var count = Json.String(json, "DriftedStackResourceCount") is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return new StackDriftDetection(Json.String(json, "DetectionStatus") ?? "UNKNOWN", Json.String(json, "StackDriftStatus"), Json.String(json, "DetectionStatusReason"), count);
    }

    public async Task<IReadOnlyList<ResourceDrift>> DescribeStackResourceDriftsAsync(StackName stack, CancellationToken cancellationToken)
    {
        var json = await cli.RunAsync(AwsCommand.Of(Service, "describe-stack-resource-drifts", "--stack-name", stack.Value,
            "--stack-resource-drift-status-filters", "MODIFIED", "DELETED"), cancellationToken).ConfigureAwait(false);
        var drifts = new List<ResourceDrift>();
        foreach (var item in json is { } root ? Json.Array(root, "StackResourceDrifts") : [])
        {
            var properties = Json.Array(item, "PropertyDifferences")
                .Select(p => $"{Json.String(p, "PropertyPath")} {(Json.String(p, "DifferenceType") ?? "NOT_EQUAL").ToLowerInvariant().Replace('_', ' ')}").ToList();
            drifts.Add(new ResourceDrift(Json.String(item, "LogicalResourceId") ?? "?", Json.String(item, "ResourceType") ?? "?",
                Json.String(item, "StackResourceDriftStatus") ?? "?", properties));
        }

        return drifts;
    }
}
