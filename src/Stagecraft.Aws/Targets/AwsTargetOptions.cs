namespace Stagecraft.Aws.Targets;

/// <summary>How the AWS target reaches AWS. The defaults are the real thing; tests swap in fakes and short delays.</summary>
internal sealed record AwsTargetOptions
{
    /// <summary>Makes the SDK-backed services for a connection; null means the real SDK clients.</summary>
    public Func<AwsConnection, IAwsSdk>? Sdk { get; init; }

    public IProcessRunner Runner { get; init; } = ProcessRunner.Default;

    /// <summary>Changes to the environment of every aws/serverless/cdk/docker child (tests put their fakes first on PATH).</summary>
    public IReadOnlyDictionary<string, string?> ToolEnvironment { get; init; } = new Dictionary<string, string?>();

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxRetries { get; init; } = 5;
}
