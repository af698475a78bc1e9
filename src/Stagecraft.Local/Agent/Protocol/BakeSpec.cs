namespace Stagecraft.Local.Agent.Protocol;

/// <summary>A watch window after the switch during which blue stays up, ready to take traffic back.</summary>
/// <param name="Window">How long green is watched.</param>
/// <param name="MaxErrorRate">Fraction of green's requests (5xx and proxy failures) above which traffic goes back to blue.</param>
/// <param name="MinRequests">The error rate is judged only once green served this many requests.</param>
public sealed record BakeSpec(TimeSpan Window, double MaxErrorRate, int MinRequests);
