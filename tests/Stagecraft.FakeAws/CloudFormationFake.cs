using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Stagecraft.FakeAws;

/// <summary>
/// CloudFormation: change sets are computed on the first describe, executions finish after
/// control.stack_in_progress_polls describe-stacks calls (default 1), resource events are written
/// as CloudFormation writes them. control.resource_failures makes a stack roll back with reasons.
/// </summary>
internal static class CloudFormationFake
{
    private const string NoChanges = "The submitted information didn't contain changes. Submit different information to create a change set.";

    public static JsonNode? Run(FakeState state, string operation, Args args) => operation switch
    {
        "create-change-set" => CreateChangeSet(state, args),
        "describe-change-set" => DescribeChangeSet(state, args),
        "execute-change-set" => ExecuteChangeSet(state, args),
        "delete-change-set" => DeleteChangeSet(state, args),
        "describe-stacks" => DescribeStacks(state, args),
        "describe-stack-events" => DescribeEvents(state, args),
        "delete-stack" => DeleteStack(state, args),
        "detect-stack-drift" => StackDriftFake.Detect(state, args),
        "describe-stack-drift-detection-status" => StackDriftFake.DetectionStatus(state, args),
        "describe-stack-resource-drifts" => StackDriftFake.ResourceDrifts(state, args),
        _ => throw new FakeError(252, $"aws: error: argument operation: Invalid choice: '{operation}'"),
    };

    public static JsonObject Stacks(FakeState state) => state.Section("stacks");

    /// <summary>Used by the serverless and cdk fakes: a stack that is simply there, with outputs.</summary>
    public static void PutStack(FakeState state, string name, JsonObject outputs)
    {
        var stack = Stacks(state)[name] as JsonObject ?? NewStack(state, name);
        stack["StackStatus"] = stack["Template"] is null ? "CREATE_COMPLETE" : "UPDATE_COMPLETE";
        stack["Template"] = "external";
        stack["Outputs"] = new JsonArray(outputs.Select(o => (JsonNode)new JsonObject { ["OutputKey"] = o.Key, ["OutputValue"] = o.Value?.GetValue<string>() }).ToArray());
        Stacks(state)[name] = stack;
    }

    private static JsonObject NewStack(FakeState state, string name) => new()
    {
        ["StackId"] = $"arn:aws:cloudformation:eu-west-2:{FakeState.Account}:stack/{name}/{Guid.NewGuid()}",
        ["StackName"] = name,
        ["StackStatus"] = "REVIEW_IN_PROGRESS",
        ["Events"] = new JsonArray(),
    };

    private static JsonNode CreateChangeSet(FakeState state, Args args)
    {
        var name = args.Required("--stack-name");
        var type = args.Get("--change-set-type") ?? "UPDATE";
        var body = Args.Content(args.Required("--template-body"));
        var parameters = args.Get("--parameters") is { } p ? JsonNode.Parse(Args.Content(p))!.ToJsonString() : "[]";
        var stacks = Stacks(state);
        var stack = stacks[name] as JsonObject;
        if (type == "CREATE" && stack is not null && stack["StackStatus"]!.GetValue<string>() != "REVIEW_IN_PROGRESS")
        {
            throw FakeError.Aws("AlreadyExistsException", "CreateChangeSet", $"Stack [{name}] already exists and cannot be created again with the changeSet [{args.Get("--change-set-name")}].");
        }

        if (type == "UPDATE" && stack is null)
        {
            throw FakeError.Aws("ValidationError", "CreateChangeSet", $"Stack [{name}] does not exist");
        }

        if (stack is null)
        {
            stack = NewStack(state, name);
            stacks[name] = stack;
            AddEvent(state, stack, name, "AWS::CloudFormation::Stack", "REVIEW_IN_PROGRESS", "User Initiated");
        }

        var (resources, _) = Template.Read(body);
        var hash = Hash(body + parameters);
        var changes = new JsonArray();
        if (type == "CREATE" || stack["Hash"]?.GetValue<string>() != hash)
        {
            var before = stack["Resources"] as JsonObject ?? new JsonObject();
            foreach (var (logical, resourceType) in resources)
            {
                changes.Add(Change(before.ContainsKey(logical) ? "Modify" : "Add", logical, resourceType));
            }

            foreach (var removed in before.Where(b => !resources.ContainsKey(b.Key)))
            {
                changes.Add(Change("Remove", removed.Key, removed.Value!.GetValue<string>()));
            }
        }

        var arn = $"arn:aws:cloudformation:eu-west-2:{FakeState.Account}:changeSet/{args.Required("--change-set-name")}/{Guid.NewGuid()}";
        state.Section("changeSets")[arn] = new JsonObject
        {
            ["ChangeSetName"] = args.Get("--change-set-name"),
            ["ChangeSetId"] = arn,
            ["StackName"] = name,
            ["Type"] = type,
            ["Status"] = "CREATE_PENDING",
            ["Empty"] = changes.Count == 0,
            ["Changes"] = changes,
            ["Hash"] = hash,
            ["Body"] = body,
            ["Parameters"] = parameters,
            ["Capabilities"] = new JsonArray(args.All("--capabilities").Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
        };
        return new JsonObject { ["Id"] = arn, ["StackId"] = stack["StackId"]!.GetValue<string>() };
    }

    private static JsonObject Change(string action, string logical, string type) => new()
    {
        ["Type"] = "Resource",
        ["ResourceChange"] = new JsonObject
        {
            ["Action"] = action,
            ["LogicalResourceId"] = logical,
            ["ResourceType"] = type,
            ["Replacement"] = action == "Modify" ? "False" : null,
        },
    };

    private static JsonObject ChangeSet(FakeState state, Args args) =>
        state.Section("changeSets")[args.Required("--change-set-name")] as JsonObject
        ?? throw FakeError.Aws("ChangeSetNotFound", "DescribeChangeSet", $"ChangeSet [{args.Get("--change-set-name")}] does not exist");

    private static JsonNode DescribeChangeSet(FakeState state, Args args)
    {
        var set = ChangeSet(state, args);
        var reply = new JsonObject
        {
            ["ChangeSetName"] = set["ChangeSetName"]!.GetValue<string>(),
            ["ChangeSetId"] = set["ChangeSetId"]!.GetValue<string>(),
            ["StackName"] = set["StackName"]!.GetValue<string>(),
            ["Status"] = set["Status"]!.GetValue<string>(),
            ["ExecutionStatus"] = set["Status"]!.GetValue<string>() == "FAILED" ? "UNAVAILABLE" : "AVAILABLE",
            ["Changes"] = set["Changes"]!.DeepClone(),
        };
        if (set["Status"]!.GetValue<string>() == "FAILED")
        {
            reply["StatusReason"] = NoChanges;
        }

        if (set["Status"]!.GetValue<string>() == "CREATE_PENDING")
        {
            set["Status"] = set["Empty"]!.GetValue<bool>() ? "FAILED" : "CREATE_COMPLETE";
        }

        return reply;
    }

    private static JsonNode? ExecuteChangeSet(FakeState state, Args args)
    {
        var set = ChangeSet(state, args);
        if (set["Status"]!.GetValue<string>() != "CREATE_COMPLETE")
        {
            throw FakeError.Aws("InvalidChangeSetStatus", "ExecuteChangeSet", $"ChangeSet [{set["ChangeSetId"]}] cannot be executed in its current status of [{set["Status"]}]");
        }

        var name = set["StackName"]!.GetValue<string>();
        var stack = (JsonObject)Stacks(state)[name]!;
        var create = set["Type"]!.GetValue<string>() == "CREATE";
        stack["StackStatus"] = create ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS";
        stack["Operation"] = new JsonObject { ["ChangeSet"] = set.DeepClone(), ["Remaining"] = state.Control["stack_in_progress_polls"]?.GetValue<int>() ?? 1 };
        AddEvent(state, stack, name, "AWS::CloudFormation::Stack", stack["StackStatus"]!.GetValue<string>(), "User Initiated");
        state.Section("changeSets").Remove(set["ChangeSetId"]!.GetValue<string>());
        return null;
    }

    private static JsonNode? DeleteChangeSet(FakeState state, Args args)
    {
        var set = ChangeSet(state, args);
        state.Section("changeSets").Remove(set["ChangeSetId"]!.GetValue<string>());
        return null;
    }

    private static JsonNode DescribeStacks(FakeState state, Args args)
    {
        var name = args.Required("--stack-name");
        var stack = Stacks(state)[name] as JsonObject;
        if (stack is not null)
        {
            Advance(state, name, stack);
            stack = Stacks(state)[name] as JsonObject;
        }

        if (stack is null)
        {
            throw FakeError.Aws("ValidationError", "DescribeStacks", $"Stack with id {name} does not exist");
        }

        var reply = new JsonObject
        {
            ["StackId"] = stack["StackId"]!.GetValue<string>(),
            ["StackName"] = name,
            ["StackStatus"] = stack["StackStatus"]!.GetValue<string>(),
            ["CreationTime"] = "2024-01-01T00:00:00.000Z",
        };
        if (stack["StackStatusReason"] is { } reason)
        {
            reply["StackStatusReason"] = reason.GetValue<string>();
        }

        if (stack["Outputs"] is JsonArray outputs && outputs.Count > 0)
        {
            reply["Outputs"] = outputs.DeepClone();
        }

        return new JsonObject { ["Stacks"] = new JsonArray(reply) };
    }

    private static JsonNode DescribeEvents(FakeState state, Args args)
    {
        var name = args.Required("--stack-name");
        var stack = Stacks(state)[name] as JsonObject ?? throw FakeError.Aws("ValidationError", "DescribeStackEvents", $"Stack [{name}] does not exist");
        var events = ((JsonArray)stack["Events"]!).Reverse().Take(100).Select(e => e!.DeepClone()).ToArray();
        return new JsonObject { ["StackEvents"] = new JsonArray(events) };
    }

    private static JsonNode? DeleteStack(FakeState state, Args args)
    {
        var name = args.Required("--stack-name");
        if (Stacks(state)[name] is JsonObject stack)
        {
            stack["StackStatus"] = "DELETE_IN_PROGRESS";
            stack["Operation"] = new JsonObject { ["Delete"] = true, ["Remaining"] = state.Control["stack_in_progress_polls"]?.GetValue<int>() ?? 1 };
            AddEvent(state, stack, name, "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", "User Initiated");
        }

        return null;
    }

    /// <summary>Moves a running operation on by one poll, finishing it when its polls are used up.</summary>
    private static void Advance(FakeState state, string name, JsonObject stack)
    {
        if (stack["Operation"] is not JsonObject operation || (state.Control["stuck_in_progress"] is JsonArray stuck && stuck.Any(s => s?.GetValue<string>() == name)))
        {
            return;
        }

        var remaining = operation["Remaining"]!.GetValue<int>();
        if (remaining > 0)
        {
            operation["Remaining"] = remaining - 1;
            return;
        }

        stack.Remove("Operation");
        if (operation["Delete"] is not null)
        {
            Stacks(state).Remove(name);
            return;
        }

        var set = (JsonObject)operation["ChangeSet"]!;
        var create = set["Type"]!.GetValue<string>() == "CREATE";
        var (resources, outputs) = Template.Read(set["Body"]!.GetValue<string>());
        if (state.ControlSection("resource_failures")[name] is JsonArray failures)
        {
            foreach (var failure in failures)
            {
                AddEvent(state, stack, failure!["LogicalResourceId"]!.GetValue<string>(), failure["ResourceType"]?.GetValue<string>() ?? "AWS::CloudFormation::CustomResource",
                    create ? "CREATE_FAILED" : "UPDATE_FAILED", failure["Reason"]?.GetValue<string>() ?? "failed");
            }

            var rolledBack = create ? "ROLLBACK_COMPLETE" : "UPDATE_ROLLBACK_COMPLETE";
            AddEvent(state, stack, name, "AWS::CloudFormation::Stack", create ? "ROLLBACK_IN_PROGRESS" : "UPDATE_ROLLBACK_IN_PROGRESS", "The following resource(s) failed: " +
                string.Join(", ", failures.Select(f => f!["LogicalResourceId"]!.GetValue<string>())));
            AddEvent(state, stack, name, "AWS::CloudFormation::Stack", rolledBack, null);
            stack["StackStatus"] = rolledBack;
            return;
        }

        foreach (var (logical, type) in resources)
        {
            AddEvent(state, stack, logical, type, create ? "CREATE_IN_PROGRESS" : "UPDATE_IN_PROGRESS", null);
            AddEvent(state, stack, logical, type, create ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", null);
        }

        var status = create ? "CREATE_COMPLETE" : "UPDATE_COMPLETE";
        AddEvent(state, stack, name, "AWS::CloudFormation::Stack", status, null);
        stack["StackStatus"] = status;
        stack["Hash"] = set["Hash"]!.GetValue<string>();
        stack["Template"] = "cloudformation";
        stack["Resources"] = new JsonObject(resources.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)JsonValue.Create(r.Value))));
        var given = state.ControlSection("stack_outputs")[name] as JsonObject ?? new JsonObject();
        stack["Outputs"] = new JsonArray(outputs.Select(key => (JsonNode)new JsonObject
        {
            ["OutputKey"] = key,
            ["OutputValue"] = given[key]?.GetValue<string>() ?? $"{name}-{key}",
        }).ToArray());
        stack["Parameters"] = JsonNode.Parse(set["Parameters"]!.GetValue<string>());
    }

    private static void AddEvent(FakeState state, JsonObject stack, string logical, string type, string status, string? reason)
    {
        var id = state.NextId();
        ((JsonArray)stack["Events"]!).Add(new JsonObject
        {
            ["StackId"] = stack["StackId"]!.GetValue<string>(),
            ["EventId"] = $"{logical}-{status}-{id}",
            ["StackName"] = stack["StackName"]!.GetValue<string>(),
            ["LogicalResourceId"] = logical,
            ["ResourceType"] = type,
            ["Timestamp"] = DateTimeOffset.UtcNow.AddSeconds(id).ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
            ["ResourceStatus"] = status,
            ["ResourceStatusReason"] = reason,
        });
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
