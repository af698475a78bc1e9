using System.Text.Json;
using Stagecraft.Aws.Cli;

namespace Stagecraft.Aws.CodeDeploy;

/// <summary><see cref="ICodeDeploy"/> through 'aws deploy …'.</summary>
internal sealed class CodeDeployCli : ICodeDeploy
{
    private const string Service = "deploy";
    private static readonly string[] ActiveStatuses = ["Created", "Queued", "InProgress", "Baking", "Ready"];
    private readonly IAwsCli _cli;

    public CodeDeployCli(IAwsCli cli)
    {
        _cli = cli;
    }

    public async Task<bool> ApplicationExistsAsync(string application, CancellationToken cancellationToken)
    {
        try
        {
            await _cli.RunAsync(AwsCommand.Of(Service, "get-application", "--application-name", application), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsException ex) when (ex.Is("ApplicationDoesNotExistException"))
        {
            return false;
        }
    }

    public Task CreateApplicationAsync(string application, CancellationToken cancellationToken) =>
        _cli.RunAsync(AwsCommand.Of(Service, "create-application", "--application-name", application, "--compute-platform", "Server"), cancellationToken);

    public async Task<bool> DeploymentGroupExistsAsync(string application, string group, CancellationToken cancellationToken)
    {
        try
        {
            await _cli.RunAsync(AwsCommand.Of(Service, "get-deployment-group", "--application-name", application, "--deployment-group-name", group), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsException ex) when (ex.Is("DeploymentGroupDoesNotExistException"))
        {
            return false;
        }
    }

    public Task CreateDeploymentGroupAsync(DeploymentGroupSpec spec, CancellationToken cancellationToken)
    {
        var blueGreen = new
        {
            terminateBlueInstancesOnDeploymentSuccess = new { action = "TERMINATE", terminationWaitTimeInMinutes = spec.TerminationWaitMinutes },
            deploymentReadyOption = new { actionOnTimeout = "CONTINUE_DEPLOYMENT" },
            greenFleetProvisioningOption = new { action = "COPY_AUTO_SCALING_GROUP" },
        };
        return _cli.RunAsync(AwsCommand.Of(Service, "create-deployment-group",
            "--application-name", spec.Application,
            "--deployment-group-name", spec.Group,
            "--service-role-arn", spec.ServiceRoleArn,
            "--deployment-config-name", spec.DeploymentConfig,
            "--auto-scaling-groups", spec.AutoScalingGroup,
            "--deployment-style", JsonSerializer.Serialize(new { deploymentType = "BLUE_GREEN", deploymentOption = "WITH_TRAFFIC_CONTROL" }),
            "--blue-green-deployment-configuration", JsonSerializer.Serialize(blueGreen),
            "--load-balancer-info", JsonSerializer.Serialize(new { targetGroupInfoList = new[] { new { name = spec.TargetGroup } } }),
            "--auto-rollback-configuration", JsonSerializer.Serialize(new { enabled = true, events = new[] { "DEPLOYMENT_FAILURE" } })), cancellationToken);
    }

    public async Task<IReadOnlyList<DeploymentId>> ListActiveDeploymentsAsync(string application, string group, CancellationToken cancellationToken)
    {
        var json = await _cli.RunAsync(new AwsCommand(Service, "list-deployments",
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
        var json = await _cli.RunAsync(AwsCommand.Of(Service, "create-deployment",
            "--application-name", application,
            "--deployment-group-name", group,
            "--revision", JsonSerializer.Serialize(location),
            "--description", description) with { RetryThrottlingOnly = true }, cancellationToken).ConfigureAwait(false);
        return new DeploymentId(json is { } root ? Json.String(root, "deploymentId") ?? "" : "");
    }

    public async Task<DeploymentInfo> GetDeploymentAsync(DeploymentId id, CancellationToken cancellationToken)
    {
        var json = await _cli.RunAsync(AwsCommand.Of(Service, "get-deployment", "--deployment-id", id.Value), cancellationToken).ConfigureAwait(false);
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
        _cli.RunAsync(AwsCommand.Of(Service, "stop-deployment", "--deployment-id", id.Value, "--auto-rollback-enabled"), cancellationToken);

    public async Task<string?> LastSuccessfulDeploymentAsync(string application, string group, CancellationToken cancellationToken)
    {
        JsonElement? json;
        try
        {
            json = await _cli.RunAsync(AwsCommand.Of(Service, "get-deployment-group", "--application-name", application, "--deployment-group-name", group), cancellationToken).ConfigureAwait(false);
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
