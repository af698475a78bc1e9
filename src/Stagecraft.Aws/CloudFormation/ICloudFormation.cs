namespace Stagecraft.Aws.CloudFormation;

/// <summary>The CloudFormation calls the cloudformation and serverless kinds make.</summary>
internal interface ICloudFormation
{
    /// <summary>Null when no such stack exists.</summary>
    Task<StackDescription?> DescribeStackAsync(StackName stack, CancellationToken cancellationToken);

    Task<ChangeSetArn> CreateChangeSetAsync(ChangeSetRequest request, CancellationToken cancellationToken);

    Task<ChangeSetDescription> DescribeChangeSetAsync(ChangeSetArn changeSet, CancellationToken cancellationToken);

    Task ExecuteChangeSetAsync(ChangeSetArn changeSet, CancellationToken cancellationToken);

    Task DeleteChangeSetAsync(ChangeSetArn changeSet, CancellationToken cancellationToken);

    /// <summary>The most recent events, newest first (one page).</summary>
    Task<IReadOnlyList<StackEvent>> DescribeStackEventsAsync(StackName stack, CancellationToken cancellationToken);

    Task DeleteStackAsync(StackName stack, CancellationToken cancellationToken);

    /// <summary>Starts drift detection on the stack's resources; returns the detection id.</summary>
    Task<string> DetectStackDriftAsync(StackName stack, CancellationToken cancellationToken);

    Task<StackDriftDetection> DescribeStackDriftDetectionStatusAsync(string detectionId, CancellationToken cancellationToken);

    /// <summary>Resources whose last detection found them MODIFIED or DELETED.</summary>
    Task<IReadOnlyList<ResourceDrift>> DescribeStackResourceDriftsAsync(StackName stack, CancellationToken cancellationToken);
}
