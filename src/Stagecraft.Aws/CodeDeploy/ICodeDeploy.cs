namespace Stagecraft.Aws.CodeDeploy;

/// <summary>The CodeDeploy calls the codedeploy kind makes.</summary>
internal interface ICodeDeploy
{
    Task<bool> ApplicationExistsAsync(string application, CancellationToken cancellationToken);

    Task CreateApplicationAsync(string application, CancellationToken cancellationToken);

    Task CreateDeploymentGroupAsync(DeploymentGroupSpec spec, CancellationToken cancellationToken);

    /// <summary>The group's settings and current fleet; null when the group does not exist.</summary>
    Task<DeploymentGroupState?> GetDeploymentGroupAsync(string application, string group, CancellationToken cancellationToken);

    /// <summary>Applies the spec's settings to the existing group; its Auto Scaling groups (CodeDeploy's current fleet) are left as they are.</summary>
    Task UpdateDeploymentGroupAsync(DeploymentGroupSpec spec, CancellationToken cancellationToken);

    /// <summary>Deployments of the group that have not finished yet.</summary>
    Task<IReadOnlyList<DeploymentId>> ListActiveDeploymentsAsync(string application, string group, CancellationToken cancellationToken);

    Task<DeploymentId> CreateDeploymentAsync(string application, string group, Revision revision, string description, CancellationToken cancellationToken);

    Task<DeploymentInfo> GetDeploymentAsync(DeploymentId id, CancellationToken cancellationToken);

    Task StopDeploymentAsync(DeploymentId id, CancellationToken cancellationToken);

    /// <summary>The group's last successful deployment (deploymentGroupInfo.lastSuccessfulDeployment): "" when it has none, null when the group or its application does not exist.</summary>
    Task<string?> LastSuccessfulDeploymentAsync(string application, string group, CancellationToken cancellationToken);
}
