using Polly;
using Polly.Retry;

namespace Stagecraft.Aws.Cli;

/// <summary>
/// Retries throttled and transient AWS calls with exponential backoff and jitter, bounded;
/// the base delay is injectable so tests run in milliseconds.
/// </summary>
internal static class AwsRetry
{
    public static ResiliencePipeline Create(TimeSpan baseDelay, int maxAttempts, TimeProvider time, Action<string>? onRetry = null, bool throttlingOnly = false) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<AwsException>(e => e.Transient && (!throttlingOnly || AwsErrorClassifier.IsThrottlingCode(e.AwsCode))),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                MaxRetryAttempts = maxAttempts,
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is AwsException aws)
                    {
                        onRetry?.Invoke($"# {aws.Operation}: {aws.AwsCode}; retrying in {args.RetryDelay.TotalSeconds:0.##}s (attempt {args.AttemptNumber + 1} of {maxAttempts})");
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
