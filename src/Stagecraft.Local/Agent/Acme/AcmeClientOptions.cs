namespace Stagecraft.Local.Agent.Acme;

/// <summary>How patient the ACME client is. Every wait is bounded by a count, and every delay goes through a TimeProvider.</summary>
internal sealed record AcmeClientOptions
{
    public static readonly AcmeClientOptions Default = new();

    /// <summary>Tries per request when the server cannot be reached (refused, reset, timed out), before giving up.</summary>
    public int NetworkAttempts { get; init; } = 3;

    /// <summary>Pause between those tries (doubled after each).</summary>
    public TimeSpan NetworkRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Limit for one HTTP exchange with the server.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a request the server refused with <c>badNonce</c>, each with the fresh nonce from the refusal.</summary>
    public int BadNonceRetries { get; init; } = 1;

    /// <summary>Pause between polls of an authorization or order when the server sends no Retry-After.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest Retry-After honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Polls of one authorization or order before the client gives up on it.</summary>
    public int MaxPolls { get; init; } = 60;
}
