using Stagecraft.Local.Agent.Rollouts;
using Stagecraft.Local.Agent.Tls;

namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// A service release, blue/green (DESIGN §7): stage the revision, install hooks, start green on free
/// loopback ports, ApplicationStart, health gate, ValidateService, atomic switch, optional bake, drain
/// and stop blue, prune. Any failure before the switch stops green and leaves blue serving.
/// </summary>
internal sealed class ReleaseRunner(AgentContext agent, HealthProbe probe)
{
    private readonly AgentContext _agent = agent;
    private readonly HookRunner _hooks = new HookRunner(agent.Hooks);
    private readonly GreenGate _gate = new GreenGate(probe, agent.Time);

    public async Task<ReleaseOutcome> ReleaseAsync(ServiceRuntime service, ServiceSpec spec, IReleaseProgress progress, CancellationToken abort)
    {
        var blue = service.Live;
        var id = _agent.Store.Update(state => ReleaseIds.Next(state, spec.Id));
        var directory = _agent.ReleaseDirectory(spec.Id, id);

        // Everything that can be refused is refused before anything starts.
        var plan = HookPlan.Build(spec, AppSpecReader.Read(spec.Revision), directory, UserAccounts.IsRoot, UserAccounts.Exists);
        progress.Status("staging the revision");
        var revision = await ReleaseStager.StageAsync(spec.Revision, directory, abort).ConfigureAwait(false);
        if (blue is not null && service.Problem is null && spec.Fingerprint.Length > 0 && blue.Record.Spec.Fingerprint == spec.Fingerprint
            && blue.Record.Revision == revision && blue.Instances.All(i => i.State == InstanceState.Running))
        {
            ReleaseStager.TryDelete(directory);
            progress.Line($"{blue.Id} already runs this revision ({revision}) with these settings: nothing to release");
            return Outcome(blue.Record, unchanged: true);
        }

        var record = new ReleaseRecord { Id = id, Revision = revision, CreatedAt = _agent.Time.GetUtcNow(), Spec = spec };
        _agent.Store.Update(state => ReleaseIds.Service(state, spec.Id).Releases.Add(record));
        progress.Line($"staged {id} (revision {revision}) in {directory}");
        return await GoLiveAsync(service, record, plan, blue, isNew: true, progress, abort).ConfigureAwait(false);
    }

    public async Task<ReleaseOutcome> RollbackAsync(ServiceRuntime service, string? to, IReleaseProgress progress, CancellationToken abort)
    {
        var blue = service.Live ?? throw new ReleaseFailedException($"{service.Id} has no live release to roll back from");
        var kept = _agent.Store.Read(state => ReleaseIds.Service(state, service.Id).Releases.ToList());
        var target = to is null
            ? kept.TakeWhile(r => r.Id != blue.Id).LastOrDefault()
                ?? throw new ReleaseFailedException($"{service.Id} keeps no release older than the live {blue.Id}", hint: "name one with --to")
            : kept.Find(r => r.Id == to)
                ?? throw new ReleaseFailedException($"{service.Id} keeps no release '{to}'", hint: $"kept releases: {string.Join(", ", kept.Select(r => r.Id))}");
        if (target.Id == blue.Id)
        {
            throw new ReleaseFailedException($"{target.Id} is already live");
        }

        var directory = _agent.ReleaseDirectory(service.Id, target.Id);
        var plan = HookPlan.Build(target.Spec, AppSpecReader.Read(directory), directory, UserAccounts.IsRoot, UserAccounts.Exists);
        progress.Line($"rolling back {service.Id} from {blue.Id} to {target.Id} (revision {target.Revision})");
        return await GoLiveAsync(service, target, plan, blue, isNew: false, progress, abort).ConfigureAwait(false);
    }

    private async Task<ReleaseOutcome> GoLiveAsync(ServiceRuntime service, ReleaseRecord record, HookPlan plan, ReleaseInstances? blue, bool isNew,
        IReleaseProgress progress, CancellationToken abort)
    {
        var spec = record.Spec;
        var directory = _agent.ReleaseDirectory(spec.Id, record.Id);
        var context = new ReleaseContext { Spec = spec, ReleaseId = record.Id, Directory = directory, PreviousReleaseId = blue?.Id };
        ReleaseInstances? green = null;
        var traffic = new ReleaseTrafficRecorder(_agent.Time);
        if (isNew)
        {
            traffic.Step("staged", record.CreatedAt);
        }

        // Nothing to compare against on a first release, and a rollback goes back to a release already proven: both switch at once.
        var rollout = blue is not null && isNew ? spec.Rollout : null;

        // Blue's requests that end from the switch on are its in-flight work, whether they end before the
        // drain begins (during a bake, or while the agent gets there on a loaded host) or during it.
        long endedOnBlueBeforeSwitch = 0;
        try
        {
            // The certificate first: a release that cannot have one fails before anything starts.
            var certificate = await CertificateStep.AcquireAsync(_agent, spec, progress, abort).ConfigureAwait(false);

            // A rollback's files are installed already; its install hooks ran when it was first released.
            if (isNew)
            {
                await _hooks.RunAsync(LifecycleEvent.BeforeInstall, plan, context, progress, abort).ConfigureAwait(false);
                await _hooks.RunAsync(LifecycleEvent.AfterInstall, plan, context, progress, abort).ConfigureAwait(false);
            }

            green = await StartGreenAsync(service.Id, record, directory, progress).ConfigureAwait(false);
            traffic.Step("started");
            context.InstanceUrls = green.Instances.Select(i => i.Uri.ToString().TrimEnd('/')).ToList();
            await _hooks.RunAsync(LifecycleEvent.ApplicationStart, plan, context, progress, abort).ConfigureAwait(false);
            await _gate.WaitAsync(green, spec.Health, progress, abort).ConfigureAwait(false);
            traffic.Step("healthy");
            await _hooks.RunAsync(LifecycleEvent.ValidateService, plan, context, progress, abort).ConfigureAwait(false);
            abort.ThrowIfCancellationRequested();
            var proxy = await service.EnsureProxyAsync(spec, certificate, CancellationToken.None).ConfigureAwait(false);

            // The switch: every request that starts from here on goes to green (with a rollout, its first step's share).
            endedOnBlueBeforeSwitch = blue?.Pool.Requests ?? 0;
            if (rollout is null)
            {
                proxy.Route(green.Pool);
                traffic.Switched(endedOnBlueBeforeSwitch);
            }
        }
        catch (Exception ex)
        {
            var tail = green?.Tail(20) ?? [];
            progress.Status($"stopping {record.Id}");
            if (green is not null)
            {
                // A failure while stopping green must not replace the failure being reported, nor skip Forget.
                try
                {
                    await green.StopAsync(spec.StopTimeout).ConfigureAwait(false);
                }
                catch (Exception stopError)
                {
                    progress.Line($"stopping {record.Id} failed too: {stopError.Message}");
                }
            }

            if (isNew)
            {
                Forget(spec.Id, record.Id);
            }

            var keeps = blue is null ? "nothing was live before" : $"{blue.Id} keeps serving";
            throw ex switch
            {
                OperationCanceledException => new ReleaseFailedException($"release {record.Id} aborted before the switch; {keeps}", tail),
                ReleaseFailedException failed => new ReleaseFailedException($"{failed.Message}; {record.Id} was stopped and {keeps}", [.. failed.Details, .. tail], failed.Hint),
                InstanceStartException start => new ReleaseFailedException($"{start.Message}; {keeps}", tail),
                _ => new ReleaseFailedException($"release {record.Id} failed: {ex.Message}; {keeps}", tail),
            };
        }

        RolloutReport? report = null;
        if (rollout is not null)
        {
            report = await RollOutAsync(service, blue!, green, record, rollout, progress).ConfigureAwait(false);
            endedOnBlueBeforeSwitch = blue!.Pool.Requests;
            traffic.Step("promoted");
            traffic.Switched(endedOnBlueBeforeSwitch);
            record.Rollout = report;
            _agent.Store.Update(state => ReleaseIds.Service(state, spec.Id).Find(record.Id)?.Rollout = report);
        }

        _agent.Store.Update(state => ReleaseIds.Service(state, spec.Id).Live = record.Id);
        progress.Line($"switched {spec.Listen} to {record.Id}: new requests go to it");
        if (blue is not null && isNew && spec.Bake is { } bake)
        {
            var trouble = await BakeWatcher.WatchAsync(bake, green, _agent.Time, progress, abort).ConfigureAwait(false);
            if (trouble is not null)
            {
                await SwitchBackAsync(service, blue, green, progress).ConfigureAwait(false);
                Forget(spec.Id, record.Id);
                throw new ReleaseFailedException($"{AgentProtocol.BakeRevertedPrefix}{trouble}; traffic went back to {blue.Id}", green.Tail(20));
            }

            traffic.Step("baked");
        }

        green.Supervise();
        service.SetLive(green);
        service.Problem = null;
        if (blue is not null)
        {
            await RetireAsync(service, blue, spec, endedOnBlueBeforeSwitch, traffic, progress).ConfigureAwait(false);
        }

        Prune(spec.Id, spec.KeepReleases);
        return Outcome(record, unchanged: false) with { Rollout = report, Traffic = traffic.Finish(record.Id, blue?.Id, green.Pool) };
    }

    /// <summary>
    /// Runs the rollout to its decision; the agent owns it from here, so no client's cancellation reaches it.
    /// Returns the report of a promoted rollout; an aborted one stops green and fails the release with the figures.
    /// </summary>
    private async Task<RolloutReport> RollOutAsync(ServiceRuntime service, ReleaseInstances blue, ReleaseInstances green, ReleaseRecord record, RolloutSpec rollout,
        IReleaseProgress progress)
    {
        var traffic = new ProxyRolloutTraffic(service.Proxy!, blue.Pool, green.Pool, rollout.Sticky,
            percent => _agent.Metrics?.SetCandidateShare(service.Id, percent));
        var controller = new RolloutController(rollout, traffic, _agent.Time, progress, record.Id, blue.Id);
        service.Rollout = controller;
        RolloutReport report;
        try
        {
            report = await controller.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            service.Rollout = null;
        }

        if (report.State == RolloutReport.Promoted)
        {
            return report;
        }

        // Blue already has every new request; what green still serves finishes before green stops.
        var spec = record.Spec;
        var tail = green.Tail(20);
        progress.Status($"stopping {record.Id}");
        await service.Proxy!.DrainAsync(green.Pool, spec.DrainTimeout, CancellationToken.None).ConfigureAwait(false);
        await green.StopAsync(spec.StopTimeout).ConfigureAwait(false);
        Forget(spec.Id, record.Id);
        throw new ReleaseFailedException($"{report.Decision}; {blue.Id} serves every request again and {record.Id} was stopped",
            [.. report.Steps.Select(s => "rollout step " + s.Describe()), .. tail]);
    }

    private async Task<ReleaseInstances> StartGreenAsync(string serviceId, ReleaseRecord record, string directory, IReleaseProgress progress)
    {
        progress.Status($"starting {record.Id}");
        var green = await ReleaseInstances.StartAsync(_agent, serviceId, record, directory).ConfigureAwait(false);
        foreach (var instance in green.Instances)
        {
            progress.Line($"{record.Id} instance {instance.Index}: pid {instance.Current?.Pid} on 127.0.0.1:{instance.Port} (log {instance.Log.Path})");
        }

        return green;
    }

    // Blue gets every new request again; what green was serving finishes before green stops.
    private async Task SwitchBackAsync(ServiceRuntime service, ReleaseInstances blue, ReleaseInstances green, IReleaseProgress progress)
    {
        var proxy = service.Proxy!;
        proxy.Route(blue.Pool);
        _agent.Store.Update(state => ReleaseIds.Service(state, service.Id).Live = blue.Id);
        progress.Line($"switched back to {blue.Id}");
        var spec = green.Record.Spec;
        await proxy.DrainAsync(green.Pool, spec.DrainTimeout, CancellationToken.None).ConfigureAwait(false);
        await green.StopAsync(spec.StopTimeout).ConfigureAwait(false);
    }

    private static async Task RetireAsync(ServiceRuntime service, ReleaseInstances blue, ServiceSpec spec, long endedBeforeSwitch, ReleaseTrafficRecorder traffic,
        IReleaseProgress progress)
    {
        progress.Status($"draining {blue.Id}");
        var drain = await service.Proxy!.DrainAsync(blue.Pool, spec.DrainTimeout, CancellationToken.None, countFrom: endedBeforeSwitch).ConfigureAwait(false);
        traffic.Drained(drain);
        var cut = drain.Cut == 0 ? "" : $", {drain.Cut} cut at the drain timeout of {spec.DrainTimeout.TotalSeconds:0.###}s";
        progress.Line($"drained {blue.Id}: {drain.Completed} in-flight finished{cut} ({drain.Elapsed.TotalSeconds:0.##}s)");
        progress.Status($"stopping {blue.Id}");
        await blue.StopAsync(spec.StopTimeout).ConfigureAwait(false);
        traffic.Step("stopped");
        progress.Line($"stopped {blue.Id}");
    }

    private ReleaseOutcome Outcome(ReleaseRecord record, bool unchanged) =>
        new(record.Id, record.Revision, ServiceUrl.Of(record.Spec), record.Spec.Fingerprint, unchanged);

    private void Forget(string serviceId, string releaseId)
    {
        _agent.Store.Update(state => ReleaseIds.Service(state, serviceId).Releases.RemoveAll(r => r.Id == releaseId));
        ReleaseStager.TryDelete(_agent.ReleaseDirectory(serviceId, releaseId));
    }

    private void Prune(string serviceId, int keep) => ReleasePruner.Prune(_agent, serviceId, keep);
}
