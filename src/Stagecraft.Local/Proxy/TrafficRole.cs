namespace Stagecraft.Local.Proxy;

/// <summary>Which side of a release a pool serves: what metrics label its requests with (never the release id).</summary>
public enum TrafficRole
{
    /// <summary>The release that takes the traffic (the default for every pool).</summary>
    Live,

    /// <summary>A release given a share of the traffic while it is being compared with the live one.</summary>
    Candidate,
}
