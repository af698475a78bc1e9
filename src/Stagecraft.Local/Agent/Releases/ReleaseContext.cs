namespace Stagecraft.Local.Agent.Releases;

/// <summary>What the hooks of one release know about it; instance URLs are filled in once green runs.</summary>
internal sealed class ReleaseContext
{
    public required ServiceSpec Spec { get; init; }

    public required string ReleaseId { get; init; }

    public required string Directory { get; init; }

    public string? PreviousReleaseId { get; init; }

    public IReadOnlyList<string> InstanceUrls { get; set; } = [];
}
