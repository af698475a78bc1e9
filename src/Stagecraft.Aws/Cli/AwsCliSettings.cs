namespace Stagecraft.Aws.Cli;

/// <summary>How the runner calls the aws CLI for one environment.</summary>
internal sealed record AwsCliSettings(string Region, string? Profile)
{
    /// <summary>Changes to the environment of every child (tests put their fakes first on PATH here).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Where calls go instead of AWS's endpoints; given as --endpoint-url on each call (the CLI 2.9 predates AWS_ENDPOINT_URL).</summary>
    public Sdk.AwsEndpoints Endpoints { get; init; } = Sdk.AwsEndpoints.None;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public int MaxRetries { get; init; } = 5;
}
