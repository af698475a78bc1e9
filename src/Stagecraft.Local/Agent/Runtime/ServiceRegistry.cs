using Stagecraft.Local.Agent.Metrics;
using Stagecraft.Local.Agent.Tls;

namespace Stagecraft.Local.Agent.Runtime;

/// <summary>Every service of the agent, and the requests about them.</summary>
internal sealed class ServiceRegistry : IAsyncDisposable
{
    private readonly AgentContext _agent;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ServiceRuntime> _services = new(StringComparer.Ordinal);
    private readonly HealthProbe _probe = new();
    private readonly ReleaseRunner _runner;
    private readonly CancellationTokenSource _shutdown = new();

    public ServiceRegistry(AgentContext agent)
    {
        _agent = agent;
        _logger = agent.Logging.CreateLogger("Stagecraft.Agent");
        _runner = new ReleaseRunner(agent, _probe);
    }

    /// <summary>Brings back what the desired state says should run, after stopping what a previous agent left.</summary>
    public async Task RestoreAsync()
    {
        var saved = _agent.Store.Read(state => state.Services.Values.Select(s => (s.Id, s.Live, Record: s.Live is null ? null : s.Find(s.Live), Instances: s.Instances.ToList())).ToList());
        foreach (var (id, live, record, instances) in saved)
        {
            try
            {
                await RestoreServiceAsync(id, record, instances).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // One service that cannot come back must not keep the others (or the agent) down.
                _services.GetOrAdd(id, key => new ServiceRuntime(_agent, key)).Problem =
                    $"{live ?? id} could not be started again after the agent restarted: {ex.Message}";
                AgentLog.RestoreFailed(_logger, id, ex.Message);
            }
        }
    }

    private async Task RestoreServiceAsync(string id, ReleaseRecord? record, List<InstanceRecord> instances)
    {
        await OrphanReaper.StopAsync(id, instances, _logger).ConfigureAwait(false);
        _agent.Store.Update(state => state.Services[id].Instances.Clear());
        ReleaseStager.CleanLeftovers(_agent.ReleasesDirectory(id));
        if (record is null)
        {
            return;
        }

        var runtime = _services.GetOrAdd(id, key => new ServiceRuntime(_agent, key));
        var started = await ReleaseInstances.StartAsync(_agent, id, record, _agent.ReleaseDirectory(id, record.Id)).ConfigureAwait(false);
        runtime.SetLive(started);
        var certificate = await CertificateStep.AcquireAsync(_agent, record.Spec, new LogProgress(_logger, id), CancellationToken.None).ConfigureAwait(false);
        var proxy = await runtime.EnsureProxyAsync(record.Spec, certificate, CancellationToken.None).ConfigureAwait(false);
        runtime.AdmitWhenHealthy(started);
        proxy.Route(started.Pool);
        started.Supervise();
        AgentLog.Restored(_logger, id, record.Id, record.Spec.Listen);
    }

    public async Task ReleaseAsync(AgentRequest request, ConnectionWriter writer)
    {
        var spec = request.Service ?? throw new InvalidOperationException("a release request needs 'service'");
        if (Refusal(spec) is { } refusal)
        {
            writer.Write(refusal);
            return;
        }

        var pending = _services.Values.Where(s => s.Id != spec.Id).Select(s => s.PendingSpec).OfType<ServiceSpec>();
        if (await _agent.Listeners.FindClashAsync(spec, pending).ConfigureAwait(false) is { } clash)
        {
            writer.Write(AgentMessage.Refused($"refused: {clash}; nothing was changed",
                hint: "give the services different 'hosts' or 'path_prefix', or different 'listen' addresses"));
            return;
        }

        await RunExclusiveAsync(spec.Id, "release", request, writer, MaskerFor(spec.Id, spec), async (runtime, progress, abort) =>
        {
            runtime.PendingSpec = spec;
            try
            {
                return await _runner.ReleaseAsync(runtime, spec, progress, abort).ConfigureAwait(false);
            }
            finally
            {
                runtime.PendingSpec = null;
            }
        }).ConfigureAwait(false);
    }

    // What the CLI checks too, checked again here: an older CLI (or a hand-written request) must not get past it.
    private AgentMessage? Refusal(ServiceSpec spec)
    {
        if (!ListenAddress.TryParse(spec.Listen, out _, out var error))
        {
            return AgentMessage.Refused(error);
        }

        if (spec.HttpListen is not null && !ListenAddress.TryParse(spec.HttpListen, out _, out var httpError))
        {
            return AgentMessage.Refused("http_listen " + httpError);
        }

        if (spec.Tls?.Acme is not null && !_agent.Certificates.AcmeAvailable)
        {
            return AgentMessage.Refused($"{ServiceCertificates.AcmeUnavailable}: {spec.Id} asks for tls.acme",
                hint: "use tls: { certificate, key } with certificate files instead, or a stagecraft build with the ACME client");
        }

        return null;
    }

    public Task RollbackAsync(AgentRequest request, ConnectionWriter writer)
    {
        var id = request.ServiceId ?? "";
        if (!_services.ContainsKey(id))
        {
            writer.Write(AgentMessage.Failed($"this agent runs no service {id}"));
            return Task.CompletedTask;
        }

        return RunExclusiveAsync(id, "rollback", request, writer, MaskerFor(id, null), (runtime, progress, abort) => _runner.RollbackAsync(runtime, request.Release, progress, abort));
    }

    public void Abort(AgentRequest request, ConnectionWriter writer)
    {
        // A rollout belongs to the agent: an interrupted deploy leaves it to reach its own decision.
        if (_services.TryGetValue(request.ServiceId ?? "", out var rolling) && rolling.Rollout is { } rollout)
        {
            writer.Write(AgentMessage.Failed($"the rollout of {rollout.Release} goes on to its decision; the agent owns it",
                hint: "'stagecraft rollout abort STAGE' sends every request back to the previous release"));
            return;
        }

        var aborted = _services.TryGetValue(request.ServiceId ?? "", out var runtime) && runtime.Abort();
        writer.Write(aborted ? AgentMessage.Ok() : AgentMessage.Failed($"no release of {request.ServiceId} is in progress"));
    }

    /// <summary>rollout-status, -promote, -abort: answered at once, whoever holds the environment's lock.</summary>
    public async Task RolloutAsync(AgentRequest request, ConnectionWriter writer)
    {
        var id = request.ServiceId ?? "";
        var runtime = _services.GetValueOrDefault(id);
        if (runtime?.Rollout is not { } rollout)
        {
            var last = _agent.Store.Read(state => state.Services.GetValueOrDefault(id) is { Live: { } live } service ? service.Find(live)?.Rollout : null);
            writer.Write(request.Type == AgentProtocol.RolloutStatus && last is not null
                ? new AgentMessage { Type = AgentProtocol.Result, Rollout = last, Text = $"no rollout of {id} is running; the live release's was:" }
                : AgentMessage.Failed($"no rollout of {id} is running", hint: "a rollout runs during a deploy of a service with 'rollout' set, once green is healthy"));
            return;
        }

        var who = $"'stagecraft rollout {(request.Type == AgentProtocol.RolloutPromote ? "promote" : "abort")}' ({request.Client ?? "?"})";
        var acted = request.Type switch
        {
            AgentProtocol.RolloutPromote => rollout.Promote(who),
            AgentProtocol.RolloutAbort => rollout.Abort(who),
            _ => false,
        };
        if (acted)
        {
            AgentLog.Request(_logger, request.Type, id, request.Client ?? "?");

            // Answered once traffic moved, so what the caller sees next is the decision in force.
            var decided = await rollout.Decided.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            writer.Write(new AgentMessage { Type = AgentProtocol.Result, Rollout = decided });
            return;
        }

        writer.Write(request.Type == AgentProtocol.RolloutStatus
            ? new AgentMessage { Type = AgentProtocol.Result, Rollout = rollout.Report() }
            : AgentMessage.Failed($"the rollout of {rollout.Release} was decided already: {rollout.Report().Decision}"));
    }

    public async Task StopServiceAsync(AgentRequest request, ConnectionWriter writer)
    {
        var id = request.ServiceId ?? "";
        if (_services.TryGetValue(id, out var runtime))
        {
            if (!runtime.TryBeginRelease("removal", request.Client, out _, out var busy))
            {
                writer.Write(AgentMessage.Failed($"a release of {id} is in progress: {busy}"));
                return;
            }

            try
            {
                await runtime.DisposeAsync().ConfigureAwait(false);

                // State and files go while the claim still refuses releases; a release after TryRemove starts from nothing.
                Forget(id);
                _services.TryRemove(id, out _);
            }
            finally
            {
                runtime.EndRelease();
            }
        }
        else
        {
            Forget(id);
        }

        writer.Write(AgentMessage.LogLine($"{id} stopped and removed"));
        writer.Write(AgentMessage.Ok());
    }

    public AgentStatus Status(DateTimeOffset startedAt) => new(
        Environment.ProcessId,
        startedAt,
        _agent.Home.SocketPath,
        _agent.Home.DataDirectory,
        _services.Values.OrderBy(s => s.Id, StringComparer.Ordinal)
            .Select(s => s.Describe(_agent.Store.Read(state => Listen(state, s.Id)) ?? "")).ToList());

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var service in _services.Values)
        {
            service.Abort();
            service.Rollout?.Abort("the agent stopping");
        }

        // Releases in progress see the abort (or finish their switch) before their services stop.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_services.Values.Any(s => s.Releasing is not null) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        await Task.WhenAll(_services.Values.Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
        _probe.Dispose();
        _shutdown.Dispose();
    }

    private void Forget(string id)
    {
        _agent.Store.Update(state => state.Services.Remove(id));
        ReleaseStager.TryDelete(_agent.ServiceDirectory(id));
    }

    private static string? Listen(DesiredState state, string id) =>
        state.Services.GetValueOrDefault(id) is { Live: { } live } service ? service.Find(live)?.Spec.Listen : null;

    // A rollback starts a kept release, and a failed release shows blue's lines too: every kept spec's secrets are masked.
    private SecretMasker MaskerFor(string id, ServiceSpec? incoming)
    {
        var kept = _agent.Store.Read(state => state.Services.GetValueOrDefault(id)?.Releases.Select(r => r.Spec).ToList() ?? []);
        return ReleaseSecrets.MaskerFor(incoming is null ? kept : [incoming, .. kept]);
    }

    private void CountRelease(string id, string what, ReleaseEventOutcome outcome) =>
        _agent.Metrics?.ReleaseFinished(id, what == "rollback" ? ReleaseKind.Rollback : ReleaseKind.Release, outcome);

    private async Task RunExclusiveAsync(string id, string what, AgentRequest request, ConnectionWriter writer, SecretMasker masker,
        Func<ServiceRuntime, IReleaseProgress, CancellationToken, Task<ReleaseOutcome>> run)
    {
        AgentLog.Request(_logger, what, id, request.Client ?? "?");
        var runtime = _services.GetOrAdd(id, key => new ServiceRuntime(_agent, key));
        if (!runtime.TryBeginRelease($"a {what}", request.Client, out var abort, out var busy))
        {
            writer.Write(AgentMessage.Failed($"refused: {busy} of {id} is already in progress",
                hint: "wait for it to finish (or interrupt the deploy that started it), then try again"));
            return;
        }

        // The claim is given back before the answer is written: a client that reads the answer may release again at once.
        AgentMessage answer;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(abort, _shutdown.Token);
            var outcome = await run(runtime, new ConnectionProgress(writer, _logger, id, masker), linked.Token).ConfigureAwait(false);
            CountRelease(id, what, outcome.Unchanged ? ReleaseEventOutcome.Unchanged : ReleaseEventOutcome.Succeeded);
            answer = new AgentMessage { Type = AgentProtocol.Result, Release = outcome };
        }
        catch (ReleaseFailedException ex)
        {
            CountRelease(id, what, ReleaseEventOutcome.Failed);
            var message = masker.Apply(ex.Message);
            AgentLog.ReleaseLine(_logger, id, "failed: " + message);
            answer = AgentMessage.Failed(message, ex.Details.Select(masker.Apply).ToList(), ex.Hint is null ? null : masker.Apply(ex.Hint));
        }
        catch (OperationCanceledException)
        {
            // Aborted outside the part that stops green (staging): nothing was started, nothing switched.
            CountRelease(id, what, ReleaseEventOutcome.Aborted);
            var message = $"the {what} of {id} was aborted before the switch; nothing changed";
            AgentLog.ReleaseLine(_logger, id, "failed: " + message);
            answer = AgentMessage.Failed(message);
        }
        catch (Exception ex)
        {
            // An I/O or state error is the release's failure, not a client that went away: report it.
            CountRelease(id, what, ReleaseEventOutcome.Failed);
            var message = masker.Apply($"the {what} of {id} failed: {ex.Message}");
            AgentLog.ReleaseError(_logger, id, message, ex.GetType().Name);
            answer = AgentMessage.Failed(message, hint: $"see the agent log: {_agent.Home.LogPath}");
        }
        finally
        {
            runtime.EndRelease();
        }

        writer.Write(answer);
    }
}
