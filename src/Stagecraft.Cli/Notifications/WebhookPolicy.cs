namespace Stagecraft.Cli.Notifications;

/// <summary>How hard delivery tries (docs/notify.md states these numbers).</summary>
internal sealed record WebhookPolicy(int Attempts, TimeSpan FirstBackoff, TimeSpan AttemptTimeout, TimeSpan TotalWait)
{
    /// <summary>4 attempts, waiting 0.5 s, 1 s, 2 s between them, 10 s per attempt; a run waits at most 20 s at its end.</summary>
    public static WebhookPolicy Default { get; } = new(4, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));

    public TimeSpan Backoff(int failedAttempts) => FirstBackoff * Math.Pow(2, failedAttempts - 1);
}
