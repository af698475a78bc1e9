namespace Stagecraft.Aws.CodeDeploy;

/// <summary>A deployment's state as polled.</summary>
internal sealed record DeploymentInfo(
    DeploymentId Id,
    string Status,
    string? ErrorCode,
    string? ErrorMessage,
    string Progress,
    IReadOnlyList<string> GreenAutoScalingGroups)
{
    public bool Finished => Status is "Succeeded" or "Failed" or "Stopped";

    public bool Succeeded => Status == "Succeeded";
}
