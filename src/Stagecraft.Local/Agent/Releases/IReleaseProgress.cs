namespace Stagecraft.Local.Agent.Releases;

/// <summary>Where a release reports what it does: the client's stage log (while it listens) and the agent log.</summary>
internal interface IReleaseProgress
{
    void Line(string text);

    void Status(string text);
}
