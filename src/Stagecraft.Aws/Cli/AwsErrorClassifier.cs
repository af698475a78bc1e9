namespace Stagecraft.Aws.Cli;

/// <summary>
/// Turns an AWS error (code + message, from the CLI's stderr or an SDK exception) into an
/// <see cref="AwsException"/> with a stable code; access denied names the IAM action.
/// </summary>
internal static partial class AwsErrorClassifier
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException",
        "RequestThrottled", "RequestThrottledException", "SlowDown", "ProvisionedThroughputExceededException",
        "ServiceUnavailable", "ServiceUnavailableException", "InternalError", "InternalFailure", "InternalServerError",
        "InternalServiceError", "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "EC2ThrottledException",
    };

    // Rejected before the call did anything: safe to retry even a call that is not idempotent.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException",
        "RequestThrottled", "RequestThrottledException", "SlowDown", "ProvisionedThroughputExceededException", "EC2ThrottledException",
    };

    private static readonly HashSet<string> DeniedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "UnauthorizedAccess", "AuthorizationError", "Forbidden",
    };

    private static readonly HashSet<string> CredentialCodes = new(StringComparer.Ordinal)
    {
        "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch",
        "AuthFailure", "InvalidAccessKeyId",
    };

    public static bool IsTransientCode(string code) => TransientCodes.Contains(code);

    public static bool IsThrottlingCode(string code) => ThrottlingCodes.Contains(code);

    /// <summary>The stable code for an AWS error code, the same whichever wording the message gets.</summary>
    public static string StableCode(string awsCode) =>
        DeniedCodes.Contains(awsCode) ? AwsErrorCode.AccessDenied
        : CredentialCodes.Contains(awsCode) ? AwsErrorCode.Credentials
        : TransientCodes.Contains(awsCode) ? AwsErrorCode.Throttled
        : AwsErrorCode.CallFailed;

    /// <param name="iamService">The IAM prefix of the service, e.g. cloudformation, codedeploy.</param>
    public static AwsException Classify(string iamService, string operation, string awsCode, string message)
    {
        var call = $"{iamService} {operation}";
        var text = message.Trim();
        if (DeniedCodes.Contains(awsCode))
        {
            var action = NamedAction().Match(message) is { Success: true } named ? named.Groups[1].Value : $"{iamService}:{operation}";
            return new AwsException(AwsErrorCode.AccessDenied, awsCode, operation,
                $"access denied: the credentials in use may not call {action} ({message.Trim()})",
                $"grant {action} to the deploying role or user; docs/aws.md lists the policy each kind needs", awsMessage: text);
        }

        if (CredentialCodes.Contains(awsCode))
        {
            return new AwsException(AwsErrorCode.Credentials, awsCode, operation, $"{call}: the AWS credentials were rejected: {awsCode}: {message.Trim()}",
                "refresh them (e.g. 'aws sso login --profile …'), or check the environment's 'profile'", awsMessage: text);
        }

        if (TransientCodes.Contains(awsCode))
        {
            return new AwsException(AwsErrorCode.Throttled, awsCode, operation, $"{call} was throttled or AWS was unavailable, and retries did not help: {awsCode}: {message.Trim()}",
                "run again later, or lower --parallelism", transient: true, awsMessage: text);
        }

        return new AwsException(AwsErrorCode.CallFailed, awsCode, operation, $"{call} failed: {awsCode}: {text}", awsMessage: text);
    }

    // AWS usually says which action was refused: "... is not authorized to perform: ec2:RunInstances on resource ...".
    [GeneratedRegex(@"perform:\s*([a-z0-9-]+:[A-Za-z0-9*]+)")]
    private static partial Regex NamedAction();
}
