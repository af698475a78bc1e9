namespace Stagecraft.Aws.Docker;

/// <summary>A repository such as 123456789012.dkr.ecr.eu-west-2.amazonaws.com/jobs/ingest, and whether it is ECR.</summary>
internal sealed partial record ImageReference(string Repository)
{
    /// <summary>The registry host for 'docker login'; null for Docker Hub names without a host.</summary>
    public string? Registry => Repository.Contains('/', StringComparison.Ordinal) && Repository[..Repository.IndexOf('/', StringComparison.Ordinal)] is var host
        && (host.Contains('.', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal) || host == "localhost") ? host : null;

    public bool IsEcr => Registry is { } host && EcrHost().IsMatch(host);

    /// <summary>The repository name inside ECR (after the host).</summary>
    public string EcrName => Repository[(Repository.IndexOf('/', StringComparison.Ordinal) + 1)..];

    public string Tagged(string tag) => $"{Repository}:{tag}";

    public string Pinned(string digest) => $"{Repository}@{digest}";

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$")]
    private static partial Regex EcrHost();
}
