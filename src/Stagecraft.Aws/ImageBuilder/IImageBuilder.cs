namespace Stagecraft.Aws.ImageBuilder;

/// <summary>The EC2 Image Builder calls the imagebuilder kind makes.</summary>
internal interface IImageBuilder
{
    /// <summary>Starts one run of the pipeline; the client token makes a retried start return the same build.</summary>
    Task<string> StartPipelineAsync(string pipelineArn, string clientToken, CancellationToken cancellationToken);

    /// <summary>The build's status and, once available, its AMIs.</summary>
    Task<ImageBuild> GetImageAsync(string buildVersionArn, CancellationToken cancellationToken);

    Task CancelAsync(string buildVersionArn, string clientToken, CancellationToken cancellationToken);
}

/// <summary>An image build version: status (PENDING … AVAILABLE, FAILED, CANCELLED) and the AMIs it distributed.</summary>
internal sealed record ImageBuild(string Arn, string Status, string? Reason, IReadOnlyList<DistributedAmi> Amis)
{
    public bool IsAvailable => Status == "AVAILABLE";

    public bool HasEnded => Status is "AVAILABLE" or "FAILED" or "CANCELLED" or "DELETED" or "DEPRECATED" or "DISABLED";
}

/// <summary>One AMI a build distributed: where and under which id.</summary>
internal sealed record DistributedAmi(string Region, string ImageId, string? Name, string? AccountId);
