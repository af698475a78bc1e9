namespace Stagecraft.Local.Agent.State;

/// <summary>One service: its kept releases (oldest first), which one is live, and its running processes.</summary>
internal sealed class ServiceState
{
    public string Id { get; set; } = "";

    /// <summary>The release that should be serving; null before the first release went live.</summary>
    public string? Live { get; set; }

    /// <summary>Number of the next release (r1, r2, …).</summary>
    public int NextSequence { get; set; } = 1;

    public List<ReleaseRecord> Releases { get; set; } = [];

    /// <summary>Every instance process started and not yet known to be stopped (green ones too), so a restarted agent leaves no orphan.</summary>
    public List<InstanceRecord> Instances { get; set; } = [];

    public ReleaseRecord? Find(string id) => Releases.Find(r => r.Id == id);
}
