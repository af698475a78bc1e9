namespace Stagecraft.Aws.Cli;

/// <summary>Reads what the aws CLI prints on stderr when a call fails.</summary>
internal static partial class CliErrorParser
{
    public static AwsException Parse(string iamService, string operation, string stderr, int exitCode)
    {
        var match = ServiceError().Match(stderr);
        if (match.Success)
        {
            return AwsErrorClassifier.Classify(iamService, match.Groups[2].Value, match.Groups[1].Value, match.Groups[3].Value);
        }

        var text = stderr.Trim();
        if (text.Contains("Unable to locate credentials", StringComparison.Ordinal) || text.Contains("The config profile", StringComparison.Ordinal)
            || text.Contains("Token has expired", StringComparison.Ordinal) || text.Contains("Error loading SSO Token", StringComparison.Ordinal))
        {
            return new AwsException(AwsErrorCode.Credentials, "NoCredentials", operation, $"{iamService} {operation}: no usable AWS credentials: {FirstLine(text)}",
                "configure credentials (environment variables, 'aws configure', 'aws sso login'), or set the environment's 'profile'");
        }

        if (text.Contains("Could not connect to the endpoint URL", StringComparison.Ordinal) || text.Contains("Connection was closed", StringComparison.Ordinal)
            || text.Contains("Read timeout on endpoint", StringComparison.Ordinal))
        {
            return new AwsException(AwsErrorCode.Throttled, "ConnectionError", operation, $"{iamService} {operation}: could not reach AWS: {FirstLine(text)}",
                "check the network and the region", transient: true);
        }

        return new AwsException(AwsErrorCode.CallFailed, "CliError", operation,
            $"aws {iamService} {operation} exited with code {exitCode}: {(text.Length == 0 ? "no error text" : FirstLine(text))}");
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;

    [GeneratedRegex(@"An error occurred \(([^)]+)\) when calling the (\w+) operation(?: \(reached max retries: \d+\))?: ?(.*)", RegexOptions.Singleline)]
    private static partial Regex ServiceError();
}
