namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// When an ACME certificate is renewed, and when a failed renewal is tried again. A certificate is due at two
/// thirds of its lifetime (a 90-day one after 60 days, a 6-day one after 4, a 60-second one after 40 s). A failed
/// renewal is retried after 1 min, 5 min, 15 min, 1 h, then every 4 h — but never waiting longer than a tenth of
/// the certificate's lifetime, so a short-lived certificate still gets several tries before it expires.
/// </summary>
internal static class RenewalSchedule
{
    private static readonly TimeSpan[] RetrySteps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4),
    ];

    private static readonly TimeSpan ShortestRetry = TimeSpan.FromSeconds(1);

    public static DateTimeOffset DueAt(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        notBefore + ((notAfter - notBefore) * 2 / 3);

    public static bool IsDue(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now) => now >= DueAt(notBefore, notAfter);

    /// <summary>The pause after the <paramref name="failures"/>-th failure in a row (1 for the first).</summary>
    public static TimeSpan RetryDelay(int failures, TimeSpan lifetime)
    {
        var step = RetrySteps[Math.Clamp(failures, 1, RetrySteps.Length) - 1];
        var cap = lifetime / 10;
        if (cap < ShortestRetry)
        {
            cap = ShortestRetry;
        }

        return step < cap ? step : cap;
    }
}
