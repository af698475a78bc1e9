namespace Stagecraft.Local.Proxy;

/// <summary>
/// A weighted choice between two pools for a rollout step: <see cref="Percent"/> of new requests go to
/// <see cref="Canary"/>, the rest to <see cref="Stable"/>. Without stickiness the spread is exact (every run of
/// 100 requests sends Percent of them to the canary); with it each client carries a random bucket 0–99 in a
/// cookie and goes to the canary while its bucket is below Percent, so raising the share only moves clients
/// from stable to canary, never back.
/// </summary>
public sealed class TrafficSplit
{
    public const string CookieName = "stagecraft_rollout";
    private long _count;

    public TrafficSplit(BackendPool stable, BackendPool canary, int percent, bool sticky)
    {
        ArgumentNullException.ThrowIfNull(stable);
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        Stable = stable;
        Canary = canary;
        Percent = percent;
        Sticky = sticky;
    }

    public BackendPool Stable { get; }

    public BackendPool Canary { get; }

    public int Percent { get; }

    public bool Sticky { get; }

    /// <summary>The pool of the next request in the exact spread: the n-th request is the canary's when n·p/100 steps up.</summary>
    internal BackendPool Next()
    {
        var n = Interlocked.Increment(ref _count);
        return n * Percent / 100 > (n - 1) * Percent / 100 ? Canary : Stable;
    }

    internal BackendPool ForBucket(int bucket) => bucket < Percent ? Canary : Stable;

    /// <summary>The client's bucket from its cookie; a client without one gets a new bucket, sent with the response.</summary>
    internal static int BucketOf(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var kept) && kept is >= 0 and < 100)
        {
            return kept;
        }

        var bucket = Random.Shared.Next(100);
        var response = context.Response;

        // Appended when the headers go out: the backend's own headers are copied onto the response before that.
        response.OnStarting(static state =>
        {
            var (target, value) = ((HttpResponse, int))state;
            target.Headers.Append("Set-Cookie", string.Create(CultureInfo.InvariantCulture, $"{CookieName}={value}; Path=/; HttpOnly; SameSite=Lax"));
            return Task.CompletedTask;
        }, (response, bucket));
        return bucket;
    }
}
