using Amazon.Runtime;
using Polly;

namespace Stagecraft.Aws.Sdk;

/// <summary>
/// The one wrapper around SDK calls: retries transient failures with the given backoff, and turns
/// SDK exceptions into <see cref="AwsException"/> (via <see cref="SdkErrors"/>) so no SDK type
/// leaves this layer and every error carries its SC-AWS code.
/// </summary>
internal sealed class SdkCall(ResiliencePipeline retry)
{
    /// <summary>No retries of its own: for clients whose SDK configuration already retries (the state store's).</summary>
    public static SdkCall Once { get; } = new(ResiliencePipeline.Empty);

    public async Task<T> RunAsync<T>(string iamService, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct =>
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (AmazonServiceException ex)
            {
                throw SdkErrors.FromService(iamService, operation, ex);
            }
            catch (AmazonClientException ex)
            {
                throw SdkErrors.FromClient(iamService, operation, ex);
            }
        }, cancellationToken).ConfigureAwait(false);

    public Task RunAsync(string iamService, string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync(iamService, operation, async ct =>
        {
            await call(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// A call to a store the user configured: any failure, an unreachable endpoint included, becomes
    /// an error naming <paramref name="site"/>. Outcomes the caller decides on (a failed condition,
    /// a missing object) must be caught inside <paramref name="call"/>. Cancellation passes through.
    /// </summary>
    public async Task<T> RunAsync<T>(SdkCallSite site, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await retry.ExecuteAsync(async ct =>
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not AwsException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                throw SdkErrors.FromSite(site, operation, ex);
            }
        }, cancellationToken).ConfigureAwait(false);
}
