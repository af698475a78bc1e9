using Amazon.Runtime;
using Polly;
using Stagecraft.Aws.Cli;

namespace Stagecraft.Aws.Sdk;

/// <summary>
/// Wraps one SDK call: retries transient failures with the shared backoff, and turns SDK
/// exceptions into <see cref="AwsException"/> so no SDK type leaves this layer.
/// </summary>
internal sealed class SdkCall
{
    private readonly ResiliencePipeline _retry;

    public SdkCall(ResiliencePipeline retry)
    {
        _retry = retry;
    }

    public async Task<T> RunAsync<T>(string iamService, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct =>
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (AmazonServiceException ex)
            {
                var code = string.IsNullOrEmpty(ex.ErrorCode) ? ((int)ex.StatusCode >= 500 ? "InternalError" : ex.StatusCode.ToString()) : ex.ErrorCode;
                throw AwsErrorClassifier.Classify(iamService, operation, code, ex.Message);
            }
            catch (AmazonClientException ex)
            {
                throw new AwsException(AwsErrorCode.Credentials, "ClientError", operation, $"{iamService} {operation}: {ex.Message}",
                    "configure credentials (environment variables, 'aws configure', 'aws sso login'), or set the environment's 'profile'");
            }
        }, cancellationToken).ConfigureAwait(false);

    public Task RunAsync(string iamService, string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(iamService, operation, async ct =>
        {
            await call(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
