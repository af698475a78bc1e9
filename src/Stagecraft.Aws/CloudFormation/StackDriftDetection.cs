namespace Stagecraft.Aws.CloudFormation;

/// <summary>DescribeStackDriftDetectionStatus: whether the detection finished and what it found.</summary>
internal sealed record StackDriftDetection(string DetectionStatus, string? StackDriftStatus, string? Reason, int DriftedResources)
{
    public bool InProgress => DetectionStatus == "DETECTION_IN_PROGRESS";

    public bool Failed => DetectionStatus == "DETECTION_FAILED";
}

/// <summary>One resource that is no longer as the template says (DescribeStackResourceDrifts).</summary>
internal sealed record ResourceDrift(string LogicalId, string Type, string Status, IReadOnlyList<string> Properties);
