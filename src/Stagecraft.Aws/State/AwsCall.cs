using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Aws.State;

/// <summary>
/// Runs one AWS request and turns infrastructure failures (unreachable, missing bucket or table,
/// denied, no credentials) into a clear <see cref="StagecraftException"/> (exit 1). Outcomes the
/// caller decides on — a failed condition, a missing object — pass through unchanged.
/// </summary>
internal static class AwsCall
{
    public static async Task<T> RunAsync<T>(string service, string where, string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception error) when (!IsExpected(error) && !(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw Translate(error, service, where, what);
        }
    }

    public static bool IsMissingObject(Exception error) =>
        error is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound } s3 && s3.ErrorCode is "NoSuchKey" or "NotFound" or null or "";

    private static bool IsExpected(Exception error) => error is ConditionalCheckFailedException || IsMissingObject(error);

    private static StagecraftException Translate(Exception error, string service, string where, string what)
    {
        const string Untouched = "nothing was written: the state is as it was before this command";
        var (message, hint) = error switch
        {
            ResourceNotFoundException => ($"the DynamoDB lock table does not exist at {where} ({what})",
                "create it with a string partition key 'lock_id' (see docs/state.md), or fix 'lock_table'"),
            AmazonS3Exception { ErrorCode: "NoSuchBucket" } => ($"the S3 bucket does not exist at {where} ({what})", "create it (see docs/state.md), or fix 'bucket'"),
            AmazonServiceException { StatusCode: HttpStatusCode.Forbidden } denied => ($"{service} at {where} denied {what}: {denied.ErrorCode}: {denied.Message}",
                "check the credentials and their permissions (docs/state.md lists the actions needed)"),
            _ when Unreachable(error) is { } cause => ($"cannot reach {service} at {where} ({what}): {cause}", $"check 'endpoint'/'lock_endpoint', the region and the network; {Untouched}"),
            AmazonServiceException refused => ($"{service} at {where} refused {what}: {refused.ErrorCode}: {refused.Message}", Untouched),
            AmazonClientException client when client.Message.Contains("credential", StringComparison.OrdinalIgnoreCase) =>
                ($"no AWS credentials for {service}: {client.Message}", "set AWS_PROFILE or 'profile', or the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY variables"),
            _ => ($"{service} at {where} failed {what}: {error.GetType().Name}: {error.Message}", Untouched),
        };
        return new StagecraftException(message, ExitCodes.StageFailed, hint, error);
    }

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
