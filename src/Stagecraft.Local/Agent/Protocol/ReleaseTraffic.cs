namespace Stagecraft.Local.Agent.Protocol;

/// <summary>
/// What one release did, as the agent saw it: when each step ended, and the requests each release
/// answered through the proxy. Counts are the proxy's, so health probes (sent to instances directly) are not in them.
/// </summary>
/// <param name="Release">The release that went live (r2).</param>
/// <param name="Previous">The release it replaced (r1); null for the first one.</param>
/// <param name="Steps">In order: staged, started, healthy, switched, baked, drained, stopped (those that happened).</param>
/// <param name="PreviousServed">Requests the previous release had answered when the switch came.</param>
/// <param name="InFlightFinished">Requests of the previous release that were in flight at the switch and finished while it drained.</param>
/// <param name="InFlightCut">Those cut at the drain timeout.</param>
/// <param name="Served">Requests the new release answered up to the end of the release.</param>
/// <param name="ServerErrors">Of those, answered with a 5xx.</param>
public sealed record ReleaseTraffic(
    string Release,
    string? Previous,
    IReadOnlyList<ReleaseStep> Steps,
    long PreviousServed,
    long InFlightFinished,
    long InFlightCut,
    long Served,
    long ServerErrors);

/// <summary>One step of a release and when it ended.</summary>
public sealed record ReleaseStep(string Name, DateTimeOffset At);
