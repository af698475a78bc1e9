namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// The running instances of one release (green while it is checked, then live) and the proxy pool over
/// them. It keeps the agent's record of their processes current and takes instances out of rotation
/// while they are down.
/// </summary>
internal sealed class ReleaseInstances : IInstanceObserver
{
    private readonly AgentContext _agent;
    private readonly string _serviceId;
    private readonly List<SupervisedInstance> _instances = [];

    private ReleaseInstances(AgentContext agent, string serviceId, ReleaseRecord record, string directory)
    {
        _agent = agent;
        _serviceId = serviceId;
        Record = record;
        Directory = directory;
    }

    public ReleaseRecord Record { get; }

    public string Id => Record.Id;

    public string Directory { get; }

    public BackendPool Pool { get; private set; } = null!;

    public IReadOnlyList<SupervisedInstance> Instances => _instances;

    /// <summary>Told when an instance restarted by supervision has its process up again.</summary>
    public Action<SupervisedInstance>? OnRestarted { get; set; }

    /// <summary>Starts every instance on a free loopback port; on failure the ones started are stopped again.</summary>
    public static async Task<ReleaseInstances> StartAsync(AgentContext agent, string serviceId, ReleaseRecord record, string directory)
    {
        var release = new ReleaseInstances(agent, serviceId, record, directory);
        var spec = record.Spec;
        try
        {
            for (var index = 0; index < Math.Max(1, spec.Instances); index++)
            {
                var port = PortAllocator.Next();
                var log = new RotatingLog(agent.InstanceLog(serviceId, record.Id, index), spec.Logs.MaxBytes, spec.Logs.Keep, agent.Time);
                var instance = new SupervisedInstance(index, port, Launch(record, directory, serviceId, index, port), log, agent.Restarts, agent.Time, release);
                release._instances.Add(instance);
                instance.Start();
            }
        }
        catch
        {
            await release.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            throw;
        }

        release.Pool = new BackendPool(record.Id, release._instances.Select(i => i.Uri).ToList());
        return release;
    }

    public void Supervise()
    {
        foreach (var instance in _instances)
        {
            instance.Supervise();
        }
    }

    /// <summary>The last log lines of every instance, labelled, for failure reports.</summary>
    public List<string> Tail(int linesPerInstance)
    {
        var lines = new List<string>();
        foreach (var instance in _instances)
        {
            var label = _instances.Count > 1 ? $"[{Id}/{instance.Index}] " : $"[{Id}] ";
            lines.AddRange(instance.Log.Tail(linesPerInstance).Select(l => label + l));
        }

        return lines;
    }

    public async Task StopAsync(TimeSpan stopTimeout)
    {
        await Task.WhenAll(_instances.Select(i => i.StopAsync(stopTimeout))).ConfigureAwait(false);
        foreach (var instance in _instances)
        {
            instance.Log.Dispose();
        }
    }

    void IInstanceObserver.ProcessStarted(SupervisedInstance instance, InstanceProcess process) =>
        _agent.Store.Update(state => state.Services.GetValueOrDefault(_serviceId)?.Instances
            .Add(new InstanceRecord(process.Pid, process.StartTime, Id, instance.Index, instance.Port)));

    void IInstanceObserver.ProcessEnded(SupervisedInstance instance, InstanceProcess process) =>
        _agent.Store.Update(state => state.Services.GetValueOrDefault(_serviceId)?.Instances.RemoveAll(r => r.Pid == process.Pid));

    void IInstanceObserver.Down(SupervisedInstance instance) => Pool?.MarkUnhealthy(instance.Uri);

    void IInstanceObserver.Restarted(SupervisedInstance instance) => OnRestarted?.Invoke(instance);

    void IInstanceObserver.CrashLooping(SupervisedInstance instance) => Pool?.MarkUnhealthy(instance.Uri);

    private static InstanceLaunch Launch(ReleaseRecord record, string directory, string serviceId, int index, int port)
    {
        var environment = new Dictionary<string, string>(record.Spec.Env, StringComparer.Ordinal)
        {
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["STAGECRAFT_RELEASE"] = record.Id,
            ["STAGECRAFT_SERVICE"] = serviceId,
            ["STAGECRAFT_INSTANCE"] = index.ToString(CultureInfo.InvariantCulture),
            ["STAGECRAFT_REVISION"] = record.Revision,
        };
        return new InstanceLaunch(record.Spec.Start, directory, environment);
    }
}
