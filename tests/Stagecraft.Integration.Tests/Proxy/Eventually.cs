using System.Diagnostics;

namespace Stagecraft.Integration.Tests.Proxy;

/// <summary>Waits for a condition with a deadline instead of sleeping and hoping.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit} waiting for: {what}");
            }

            await Task.Delay(5);
        }
    }

    public static async Task<T> Within<T>(this Task<T> task, TimeSpan? timeout = null) =>
        await task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));

    public static async Task Within(this Task task, TimeSpan? timeout = null) =>
        await task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
}
