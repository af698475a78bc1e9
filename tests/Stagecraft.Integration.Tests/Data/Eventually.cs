namespace Stagecraft.Integration.Tests.Data;

/// <summary>Polls a condition until it holds or a deadline passes; no fixed sleeps.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for: " + what);
            }

            await Task.Delay(20);
        }
    }
}
