namespace Stagecraft.Aws.CodeDeploy;

/// <summary><see cref="ICodeDeploy"/> through 'aws deploy …'.</summary>
internal sealed class CodeDeployCli(IAwsCli cli) : ICodeDeploy
{
    private const string Service = "deploy";
    private static readonly string[] ActiveStatuses = ["Created", "Queued", "InProgress", "Baking", "Ready"];

    public async Task<bool> ApplicationExistsAsync(string application, CancellationToken cancellationToken)
    {
        try
        {
            await cli.RunAsync(AwsCommand.Of(Service, "get-application", "--application-name", application), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsException ex) when (ex.Is("ApplicationDoesNotExistException"))
        {
            return false;
        }
    }

    public Task CreateApplicationAsync(string application, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of(Service, "create-application", "--application-name", application, "--compute-platform", "Server"), cancellationToken);

    public Task CreateDeploymentGroupAsync(DeploymentGroupSpec spec, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of(Service, "create-deployment-group",
            [
                "--application-name", spec.Application,
                "--deployment-group-name", spec.Group,
                "--auto-scaling-groups", spec.AutoScalingGroup,
                .. GroupSettings(spec),
            ]), cancellationToken);

    public Task UpdateDeploymentGroupAsync(DeploymentGroupSpec spec, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of(Service, "update-deployment-group",
            [
                "--application-name", spec.Application,
                "--current-deployment-group-name", spec.Group,
                .. GroupSettings(spec),
            ]), cancellationToken);

    public async Task<DeploymentGroupState?> GetDeploymentGroupAsync(string application, string group, CancellationToken cancellationToken)
    {
        JsonElement? json;
        try
        {
            json = await cli.RunAsync(AwsCommand.Of(Service, "get-deployment-group", "--application-name", application, "--deployment-group-name", group), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsException ex) when (ex.Is("DeploymentGroupDoesNotExistException"))
        {
            return null;
        }

        if (json is not { } root || Json.Property(root, "deploymentGroupInfo") is not { } info)
        {
            throw new AwsException(AwsErrorCode.CallFailed, "EmptyOutput", "GetDeploymentGroup", $"get-deployment-group {group} returned no deploymentGroupInfo");
        }

        var blueGreen = Json.Property(info, "blueGreenDeploymentConfiguration");
        var terminate = blueGreen is { } b ? Json.Property(b, "terminateBlueInstancesOnDeploymentSuccess") : null;
        var green = blueGreen is { } g ? Json.Property(g, "greenFleetProvisioningOption") : null;
        var wait = terminate is { } t ? Json.String(t, "terminationWaitTimeInMinutes") : null;
        var loadBalancer = Json.Property(info, "loadBalancerInfo");
        var rollback = Json.Property(info, "autoRollbackConfiguration");
        return new DeploymentGroupState(
            Json.String(info, "serviceRoleArn"),
            Json.String(info, "deploymentConfigName"),
            loadBalancer is { } l ? Json.Array(l, "targetGroupInfoList").Select(i => Json.String(i, "name") ?? "").ToList() : [],
            int.TryParse(wait, System.Globalization.CultureInfo.InvariantCulture, out var minutes) ? minutes : null,
            Json.Property(info, "deploymentStyle") is { } style ? Json.String(style, "deploymentType") : null,
            green is { } p ? Json.String(p, "action") : null,
            rollback is { } r && Json.String(r, "enabled") == "true",
            Json.Array(info, "autoScalingGroups").Select(a => Json.String(a, "name") ?? "").Where(n => n.Length > 0).ToList());
    }

    // The settings create and update share; the seed's create_deployment_group.py sets the same.
    private static string[] GroupSettings(DeploymentGroupSpec spec)
    {
        var blueGreen = new
        {
            terminateBlueInstancesOnDeploymentSuccess = new { action = "TERMINATE", terminationWaitTimeInMinutes = spec.TerminationWaitMinutes },
            deploymentReadyOption = new { actionOnTimeout = "CONTINUE_DEPLOYMENT" },
            greenFleetProvisioningOption = new { action = "COPY_AUTO_SCALING_GROUP" },
        };
        return
        [
            "--service-role-arn", spec.ServiceRoleArn,
            "--deployment-config-name", spec.DeploymentConfig,
            "--deployment-style", JsonSerializer.Serialize(new { deploymentType = "BLUE_GREEN", deploymentOption = "WITH_TRAFFIC_CONTROL" }),
            "--blue-green-deployment-configuration", JsonSerializer.Serialize(blueGreen),
            "--load-balancer-info", JsonSerializer.Serialize(new { targetGroupInfoList = new[] { new { name = spec.TargetGroup } } }),
            "--auto-rollback-configuration", JsonSerializer.Serialize(new { enabled = true, events = new[] { "DEPLOYMENT_FAILURE" } }),
        ];
    }

    public async Task<IReadOnlyList<DeploymentId>> ListActiveDeploymentsAsync(string application, string group, CancellationToken cancellationToken)
    {
        var json = await cli.RunAsync(new AwsCommand(Service, "list-deployments",
            ["--application-name", application, "--deployment-group-name", group, "--include-only-statuses", .. ActiveStatuses]), cancellationToken).ConfigureAwait(false);
        return json is { } root ? Json.Array(root, "deployments").Select(d => new DeploymentId(d.GetString() ?? "")).ToList() : [];
    }

    public async Task<DeploymentId> CreateDeploymentAsync(string application, string group, Revision revision, string description, CancellationToken cancellationToken)
    {
        object location = revision switch
        {
            Revision.S3 s3 => new { revisionType = "S3", s3Location = new { bucket = s3.Bucket, key = s3.Key, bundleType = s3.BundleType } },
            Revision.GitHub git => new { revisionType = "GitHub", gitHubLocation = new { repository = git.Repository, commitId = git.CommitId } },
            _ => throw new ArgumentOutOfRangeException(nameof(revision)),
        };
        var json = await cli.RunAsync(AwsCommand.Of(Service, "create-deployment",
            "--application-name", application,
            "--deployment-group-name", group,
            "--revision", JsonSerializer.Serialize(location),
            "--description", description) with { RetryThrottlingOnly = true }, cancellationToken).ConfigureAwait(false);
        return new DeploymentId(json is { } root ? Json.String(root, "deploymentId") ?? "" : "");
    }

    public async Task<DeploymentInfo> GetDeploymentAsync(DeploymentId id, CancellationToken cancellationToken)
    {
        var json = await cli.RunAsync(AwsCommand.Of(Service, "get-deployment", "--deployment-id", id.Value), cancellationToken).ConfigureAwait(false);
        var info = json is { } root ? Json.Property(root, "deploymentInfo") : null;
        if (info is not { } deployment)
        {
            throw new AwsException(AwsErrorCode.CallFailed, "EmptyOutput", "GetDeployment", $"get-deployment {id} returned no deploymentInfo");
        }

        var error = Json.Property(deployment, "errorInformation");
        var overview = Json.Property(deployment, "deploymentOverview");
        var progress = overview is { } o
            ? string.Join(", ", new[] { "Pending", "InProgress", "Succeeded", "Failed", "Ready" }.Select(k => (k, Json.String(o, k))).Where(p => p.Item2 is not null and not "0").Select(p => $"{p.Item2} {p.k}"))
            : "";
        var green = Json.Property(deployment, "targetInstances") is { } targets
            ? Json.Array(targets, "autoScalingGroups").Select(a => a.GetString() ?? "").Where(a => a.Length > 0).ToList()
            : [];
        return new DeploymentInfo(id, Json.String(deployment, "status") ?? "Unknown", error is { } e ? Json.String(e, "code") : null,
            error is { } m ? Json.String(m, "message") : null, progress, green);
    }

    public Task StopDeploymentAsync(DeploymentId id, CancellationToken cancellationToken) =>
        cli.RunAsync(AwsCommand.Of(Service, "stop-deployment", "--deployment-id", id.Value, "--auto-rollback-enabled"), cancellationToken);

    public async Task<string?> LastSuccessfulDeploymentAsync(string application, string group, CancellationToken cancellationToken)
    {
        JsonElement? json;
        try
        {
            json = await cli.RunAsync(AwsCommand.Of(Service, "get-deployment-group", "--application-name", application, "--deployment-group-name", group), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsException ex) when (ex.Is("DeploymentGroupDoesNotExistException") || ex.Is("ApplicationDoesNotExistException"))
        {
            return null;
        }

        return json is { } root && Json.Property(root, "deploymentGroupInfo") is { } info && Json.Property(info, "lastSuccessfulDeployment") is { } last
            ? Json.String(last, "deploymentId") ?? ""
            : "";
    }
}
