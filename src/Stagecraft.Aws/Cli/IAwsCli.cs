namespace Stagecraft.Aws.Cli;

/// <summary>
/// The aws CLI v2 as a seam: argv only, JSON out. Service clients in this assembly turn the JSON
/// into typed records; nothing above them sees it.
/// </summary>
internal interface IAwsCli
{
    /// <summary>Runs the call (retrying throttling and transient errors); the parsed JSON output, or null when it printed nothing.</summary>
    Task<JsonElement?> RunAsync(AwsCommand command, CancellationToken cancellationToken);

    /// <summary>A call whose output is plain text (get-login-password); never logged.</summary>
    Task<string> RunTextAsync(AwsCommand command, CancellationToken cancellationToken);
}
