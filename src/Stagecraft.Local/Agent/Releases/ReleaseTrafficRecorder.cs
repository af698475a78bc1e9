namespace Stagecraft.Local.Agent.Releases;

/// <summary>Notes when each step of one release ended and what the proxy counted, for the run report.</summary>
internal sealed class ReleaseTrafficRecorder(TimeProvider time)
{
    private readonly List<ReleaseStep> _steps = [];
    private long _previousServed;
    private DrainResult? _drain;

    public void Step(string name) => Step(name, time.GetUtcNow());

    public void Step(string name, DateTimeOffset at) => _steps.Add(new ReleaseStep(name, at));

    public void Switched(long previousServed)
    {
        _previousServed = previousServed;
        Step("switched");
    }

    public void Drained(DrainResult drain)
    {
        _drain = drain;
        Step("drained");
    }

    public ReleaseTraffic Finish(string release, string? previous, BackendPool served) =>
        new(release, previous, _steps.ToList(), _previousServed, _drain?.Completed ?? 0, _drain?.Cut ?? 0, served.Requests, served.ServerErrors);
}
