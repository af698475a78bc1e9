namespace Stagecraft.Aws.Polling;

/// <summary>Waits between polls on the injected clock, so tests run in milliseconds and Ctrl-C ends a wait at once.</summary>
internal static class Wait
{
    public static Task Between(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Delay(interval, time, cancellationToken);
}
