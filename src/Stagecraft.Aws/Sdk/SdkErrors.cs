using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Stagecraft.Aws.Sdk;

/// <summary>
/// Turns a failed SDK call into an <see cref="AwsException"/>: the one place that picks the stable
/// code, so every AWS error a user sees carries it the same way, whatever its wording.
/// </summary>
internal static class SdkErrors
{
    private const string Untouched = "nothing was written: the state is as it was before this command";

    public static AwsException FromService(string iamService, string operation, AmazonServiceException error) =>
        AwsErrorClassifier.Classify(iamService, operation, AwsCode(error), error.Message);

    public static AwsException FromClient(string iamService, string operation, AmazonClientException error) =>
        new(AwsErrorCode.Credentials, "ClientError", operation, $"{iamService} {operation}: {error.Message}",
            "configure credentials (environment variables, 'aws configure', 'aws sso login'), or set the environment's 'profile'");

    /// <summary>Any failure of a call to a configured store, network ones included, worded for that store.</summary>
    public static AwsException FromSite(SdkCallSite site, string operation, Exception error)
    {
        var (service, where, what) = site;
        var awsCode = error is AmazonServiceException aws ? AwsCode(aws) : error.GetType().Name;
        var (code, message, hint) = error switch
        {
            ResourceNotFoundException => (AwsErrorCode.CallFailed, $"the DynamoDB lock table does not exist at {where} ({what})",
                "create it with a string partition key 'lock_id' (see docs/state.md), or fix 'lock_table'"),
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => (AwsErrorCode.CallFailed, $"the S3 bucket does not exist at {where} ({what})", "create it (see docs/state.md), or fix 'bucket'"),
            AmazonServiceException { StatusCode: HttpStatusCode.Forbidden } denied => (Denied(awsCode), $"{service} at {where} denied {what}: {denied.ErrorCode}: {denied.Message}",
                "check the credentials and their permissions (docs/state.md lists the actions needed)"),
            _ when Unreachable(error) is { } cause => (AwsErrorCode.CallFailed, $"cannot reach {service} at {where} ({what}): {cause}",
                $"check 'endpoint'/'lock_endpoint', the region and the network; {Untouched}"),
            AmazonServiceException refused => (AwsErrorClassifier.StableCode(awsCode), $"{service} at {where} refused {what}: {refused.ErrorCode}: {refused.Message}", Untouched),
            AmazonClientException client when client.Message.Contains("credential", StringComparison.OrdinalIgnoreCase) => (AwsErrorCode.Credentials,
                $"no AWS credentials for {service}: {client.Message}", "set AWS_PROFILE or 'profile', or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables"),
            _ => (AwsErrorCode.CallFailed, $"{service} at {where} failed {what}: {error.GetType().Name}: {error.Message}", Untouched),
        };
        return new AwsException(code, awsCode, operation, message, hint, awsMessage: error.Message, inner: error);
    }

    // A HEAD request's error has no body, so no code: the status stands in for it.
    private static string AwsCode(AmazonServiceException error) =>
        string.IsNullOrEmpty(error.ErrorCode) ? ((int)error.StatusCode >= 500 ? "InternalError" : error.StatusCode.ToString()) : error.ErrorCode;

    // A 403 is a refusal even when its code names bad credentials rather than a missing permission.
    private static string Denied(string awsCode) =>
        AwsErrorClassifier.StableCode(awsCode) == AwsErrorCode.Credentials ? AwsErrorCode.Credentials : AwsErrorCode.AccessDenied;

    /// <summary>The network-level cause of a failure, if that is what it was.</summary>
    private static string? Unreachable(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SocketException socket:
                    return socket.Message;
                case HttpRequestException http:
                    return http.InnerException is SocketException inner ? inner.Message : http.Message;
                case TimeoutException or TaskCanceledException:
                    return "no answer in time";
                case IOException io:
                    return io.Message;
            }
        }

        return null;
    }
}
