using System.Text.Json.Nodes;

namespace Stagecraft.FakeAws;

/// <summary>
/// CodeDeploy blue/green: a deployment goes Created → InProgress → Succeeded over get-deployment
/// polls and copies the group's Auto Scaling group into a green one. control.deployment_fail
/// makes it fail; control.active_deployment_polls starts with another deployment active for N
/// list-deployments calls; control.deployment_stuck keeps it InProgress.
/// </summary>
internal static class CodeDeployFake
{
    public static JsonNode? Run(FakeState state, string operation, Args args)
    {
        var apps = state.Section("applications");
        var groups = state.Section("deploymentGroups");
        var deployments = state.Section("deployments");
        switch (operation)
        {
            case "get-application":
                var app = args.Required("--application-name");
                return apps[app] is { } found
                    ? new JsonObject { ["application"] = found.DeepClone() }
                    : throw FakeError.Aws("ApplicationDoesNotExistException", "GetApplication", $"No application found for name: {app}");
            case "create-application":
                var created = args.Required("--application-name");
                apps[created] = new JsonObject { ["applicationName"] = created, ["computePlatform"] = args.Get("--compute-platform") ?? "Server" };
                return new JsonObject { ["applicationId"] = Guid.NewGuid().ToString() };
            case "get-deployment-group":
                var key = GroupKey(args);
                return groups[key] is { } group
                    ? new JsonObject { ["deploymentGroupInfo"] = group.DeepClone() }
                    : throw FakeError.Aws("DeploymentGroupDoesNotExistException", "GetDeploymentGroup", $"No Deployment Group found for name: {args.Get("--deployment-group-name")}");
            case "create-deployment-group":
                if (apps[args.Required("--application-name")] is null)
                {
                    throw FakeError.Aws("ApplicationDoesNotExistException", "CreateDeploymentGroup", $"No application found for name: {args.Get("--application-name")}");
                }

                groups[GroupKey(args)] = new JsonObject
                {
                    ["applicationName"] = args.Get("--application-name"),
                    ["deploymentGroupName"] = args.Get("--deployment-group-name"),
                    ["serviceRoleArn"] = args.Required("--service-role-arn"),
                    ["autoScalingGroups"] = new JsonArray(new JsonObject { ["name"] = args.Required("--auto-scaling-groups") }),
                    ["deploymentStyle"] = JsonNode.Parse(args.Required("--deployment-style")),
                    ["blueGreenDeploymentConfiguration"] = JsonNode.Parse(args.Required("--blue-green-deployment-configuration")),
                    ["loadBalancerInfo"] = JsonNode.Parse(args.Required("--load-balancer-info")),
                    ["deploymentConfigName"] = args.Get("--deployment-config-name") ?? "CodeDeployDefault.OneAtATime",
                    ["autoRollbackConfiguration"] = args.Get("--auto-rollback-configuration") is { } rollback ? JsonNode.Parse(rollback) : null,
                };
                return new JsonObject { ["deploymentGroupId"] = Guid.NewGuid().ToString() };
            case "update-deployment-group":
                // Only what is given changes, as in CodeDeploy; the Auto Scaling groups stay unless named.
                if (groups[$"{args.Required("--application-name")}/{args.Required("--current-deployment-group-name")}"] is not JsonObject existing)
                {
                    throw FakeError.Aws("DeploymentGroupDoesNotExistException", "UpdateDeploymentGroup", $"No Deployment Group found for name: {args.Get("--current-deployment-group-name")}");
                }

                foreach (var (option, field) in new[] { ("--service-role-arn", "serviceRoleArn"), ("--deployment-config-name", "deploymentConfigName") })
                {
                    if (args.Get(option) is { } text)
                    {
                        existing[field] = text;
                    }
                }

                foreach (var (option, field) in new[] { ("--deployment-style", "deploymentStyle"), ("--blue-green-deployment-configuration", "blueGreenDeploymentConfiguration"), ("--load-balancer-info", "loadBalancerInfo"), ("--auto-rollback-configuration", "autoRollbackConfiguration") })
                {
                    if (args.Get(option) is { } json)
                    {
                        existing[field] = JsonNode.Parse(json);
                    }
                }

                return new JsonObject { ["hooksNotCleanedUp"] = new JsonArray() };
            case "list-deployments":
                return ListDeployments(state, args, deployments);
            case "create-deployment":
                return CreateDeployment(state, args, groups, deployments);
            case "get-deployment":
                return GetDeployment(state, args, deployments);
            case "stop-deployment":
                var stopped = Deployment(deployments, args);
                stopped["status"] = "Stopped";
                stopped["errorInformation"] = new JsonObject { ["code"] = "DEPLOYMENT_STOPPED", ["message"] = "The deployment was stopped by the user." };
                return new JsonObject { ["status"] = "Pending", ["statusMessage"] = "Stopping Pending. Stopping to schedule commands in the deployment instances" };
            default:
                throw new FakeError(252, $"aws: error: argument operation: Invalid choice: '{operation}'");
        }
    }

    public static JsonNode? RunAutoScaling(FakeState state, string operation, Args args)
    {
        var groups = state.Section("autoScalingGroups");
        switch (operation)
        {
            case "describe-auto-scaling-groups":
                var names = args.All("--auto-scaling-group-names");
                var found = groups.Where(g => names.Count == 0 || names.Contains(g.Key)).Select(g => (JsonNode)Describe(g.Key, g.Value)).ToArray();
                return new JsonObject { ["AutoScalingGroups"] = new JsonArray(found) };
            case "create-auto-scaling-group":
                var createdName = args.Required("--auto-scaling-group-name");
                if (groups[createdName] is not null)
                {
                    throw FakeError.Aws("AlreadyExists", "CreateAutoScalingGroup", $"AutoScalingGroup by this name already exists - A group with the name {createdName} already exists");
                }

                groups[createdName] = new JsonObject
                {
                    ["LaunchTemplate"] = JsonNode.Parse(args.Required("--launch-template")),
                    ["MinSize"] = int.Parse(args.Required("--min-size"), System.Globalization.CultureInfo.InvariantCulture),
                    ["MaxSize"] = int.Parse(args.Required("--max-size"), System.Globalization.CultureInfo.InvariantCulture),
                    ["VPCZoneIdentifier"] = args.Get("--vpc-zone-identifier"),
                    ["TargetGroupARNs"] = new JsonArray(args.All("--target-group-arns").Select(a => (JsonNode)a).ToArray()),
                };
                return null;
            case "update-auto-scaling-group":
                var updated = args.Required("--auto-scaling-group-name");
                if (groups[updated] is not JsonObject group)
                {
                    throw FakeError.Aws("ValidationError", "UpdateAutoScalingGroup", $"AutoScalingGroup name not found - null");
                }

                if (args.Get("--launch-template") is { } template)
                {
                    group["LaunchTemplate"] = JsonNode.Parse(template);
                }

                return null;
            case "delete-auto-scaling-group":
                var name = args.Required("--auto-scaling-group-name");
                if (!groups.Remove(name))
                {
                    throw FakeError.Aws("ValidationError", "DeleteAutoScalingGroup", $"AutoScalingGroup name not found - AutoScalingGroup '{name}' not found");
                }

                return null;
            default:
                throw new FakeError(252, $"aws: error: argument operation: Invalid choice: '{operation}'");
        }
    }

    private static JsonObject Describe(string name, JsonNode? group)
    {
        var described = new JsonObject { ["AutoScalingGroupName"] = name };
        if (group?["LaunchTemplate"] is { } template)
        {
            described["LaunchTemplate"] = template.DeepClone();
        }

        return described;
    }

    private static string GroupKey(Args args) => $"{args.Required("--application-name")}/{args.Required("--deployment-group-name")}";

    private static JsonObject Deployment(JsonObject deployments, Args args) =>
        deployments[args.Required("--deployment-id")] as JsonObject
        ?? throw FakeError.Aws("DeploymentDoesNotExistException", "GetDeployment", $"The deployment {args.Get("--deployment-id")} could not be found.");

    private static JsonNode ListDeployments(FakeState state, Args args, JsonObject deployments)
    {
        var polls = state.Control["active_deployment_polls"]?.GetValue<int>() ?? 0;
        var seen = state.Bump("list-deployments");
        var active = new JsonArray();
        if (seen < polls)
        {
            active.Add("d-OTHER00001");
        }

        var statuses = args.All("--include-only-statuses");
        foreach (var (id, deployment) in deployments)
        {
            if (deployment!["deploymentGroupName"]!.GetValue<string>() == args.Get("--deployment-group-name") && statuses.Contains(deployment["status"]!.GetValue<string>()))
            {
                active.Add(id);
            }
        }

        return new JsonObject { ["deployments"] = active };
    }

    private static JsonNode CreateDeployment(FakeState state, Args args, JsonObject groups, JsonObject deployments)
    {
        var key = GroupKey(args);
        if (groups[key] is not JsonObject group)
        {
            throw FakeError.Aws("DeploymentGroupDoesNotExistException", "CreateDeployment", $"No Deployment Group found for name: {args.Get("--deployment-group-name")}");
        }

        var id = $"d-{state.NextId():D9}";
        var green = $"CodeDeploy_{args.Get("--deployment-group-name")}_{id}";
        deployments[id] = new JsonObject
        {
            ["deploymentId"] = id,
            ["applicationName"] = args.Get("--application-name"),
            ["deploymentGroupName"] = args.Get("--deployment-group-name"),
            ["status"] = "Created",
            ["revision"] = JsonNode.Parse(args.Required("--revision")),
            ["description"] = args.Get("--description"),
            ["green"] = green,
            ["blue"] = group["autoScalingGroups"]![0]!["name"]!.GetValue<string>(),
        };
        return new JsonObject { ["deploymentId"] = id };
    }

    private static JsonNode GetDeployment(FakeState state, Args args, JsonObject deployments)
    {
        var deployment = Deployment(deployments, args);
        var status = deployment["status"]!.GetValue<string>();
        var green = deployment["green"]!.GetValue<string>();
        var next = status switch
        {
            "Created" => "InProgress",
            "InProgress" when state.Control["deployment_stuck"] is not null => "InProgress",
            "InProgress" when state.Control["deployment_fail"] is JsonObject => "Failed",
            "InProgress" => "Succeeded",
            _ => status,
        };
        if (next == "InProgress" && status == "Created")
        {
            // CodeDeploy's copy names the version the blue group resolved to, not $Latest: control.launch_template_version says which.
            var copy = new JsonObject { ["copiedFrom"] = deployment["blue"]!.GetValue<string>() };
            if (state.Section("autoScalingGroups")[deployment["blue"]!.GetValue<string>()]?["LaunchTemplate"] is JsonObject blueTemplate)
            {
                copy["LaunchTemplate"] = new JsonObject
                {
                    ["LaunchTemplateName"] = blueTemplate["LaunchTemplateName"]?.DeepClone(),
                    ["Version"] = state.Control["launch_template_version"]?.GetValue<string>() ?? "1",
                };
            }

            state.Section("autoScalingGroups")[green] = copy;
        }

        if (next == "Failed" && status != "Failed")
        {
            var fail = (JsonObject)state.Control["deployment_fail"]!;
            deployment["errorInformation"] = new JsonObject
            {
                ["code"] = fail["code"]?.GetValue<string>() ?? "HEALTH_CONSTRAINTS",
                ["message"] = fail["message"]?.GetValue<string>() ?? "The overall deployment failed because too many individual instances failed deployment",
            };
        }

        if (next == "Succeeded" && status != "Succeeded")
        {
            // The swap: the group now points at the green fleet; the blue one is terminated.
            state.Section("autoScalingGroups").Remove(deployment["blue"]!.GetValue<string>());
            var groupKey = $"{deployment["applicationName"]!.GetValue<string>()}/{deployment["deploymentGroupName"]!.GetValue<string>()}";
            if (state.Section("deploymentGroups")[groupKey] is JsonObject succeededGroup)
            {
                succeededGroup["autoScalingGroups"] = new JsonArray(new JsonObject { ["name"] = green });
                succeededGroup["lastSuccessfulDeployment"] = new JsonObject
                {
                    ["deploymentId"] = deployment["deploymentId"]!.GetValue<string>(),
                    ["status"] = "Succeeded",
                    ["endTime"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                };
            }
        }

        deployment["status"] = next;
        var info = new JsonObject
        {
            ["deploymentId"] = deployment["deploymentId"]!.GetValue<string>(),
            ["applicationName"] = deployment["applicationName"]!.GetValue<string>(),
            ["deploymentGroupName"] = deployment["deploymentGroupName"]!.GetValue<string>(),
            ["status"] = status,
            ["deploymentOverview"] = new JsonObject { ["Pending"] = status == "Created" ? 1 : 0, ["InProgress"] = status == "InProgress" ? 1 : 0, ["Succeeded"] = status == "Succeeded" ? 1 : 0, ["Failed"] = status == "Failed" ? 1 : 0 },
            ["targetInstances"] = new JsonObject { ["autoScalingGroups"] = new JsonArray(green) },
        };
        if (deployment["errorInformation"] is { } error && status is "Failed" or "Stopped")
        {
            info["errorInformation"] = error.DeepClone();
        }

        return new JsonObject { ["deploymentInfo"] = info };
    }
}
