using Stagecraft.Local.Agent.Metrics;
using Stagecraft.Local.Agent.Tls;

namespace Stagecraft.Local.Agent;

/// <summary>
/// The host agent process (stagecraft agent): one per home, it restores the services of its desired
/// state, then serves the control socket until it is told to shut down or gets SIGTERM/Ctrl-C.
/// </summary>
public static class AgentHost
{
    /// <param name="background">Started by a deploy: standard streams go to the agent log, and a second agent exits quietly.</param>
    /// <param name="console">Foreground output (null in the background).</param>
    /// <param name="services">What the composition root plugs in (the ACME client); <see cref="AgentServices.None"/> when null.</param>
    /// <param name="metricsOption">The --metrics option (an address or "off"); null: agent.yml's setting or the default.</param>
    public static async Task<int> RunAsync(AgentHome home, bool background, TextWriter? console, CancellationToken cancellationToken, AgentServices? services = null,
        string? metricsOption = null)
    {
        home.Prepare();
        using var agentLock = AgentLock.TryAcquire(home);
        if (agentLock is null)
        {
            if (background)
            {
                return ExitCodes.Success;
            }

            throw new StagecraftException($"an agent already runs for {home.DataDirectory}", Install.AgentUnit.AlreadyRunningExitCode, "see it with 'stagecraft agent status'; stop it with 'stagecraft agent stop'");
        }

        if (background)
        {
            StdioRedirect.ToLog(home.LogPath);
        }

        // Read after the redirect: a background agent's bad setting must reach its log, where its launcher looks.
        var settings = AgentSettings.Load(home, metricsOption);
        using var logProvider = new AgentLogProvider(home.LogPath, background ? null : console);
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Information).AddProvider(logProvider));
        var logger = logging.CreateLogger("Stagecraft.Agent");
        var time = TimeProvider.System;
        var challenges = new Http01ChallengeStore();
        var acme = (services ?? AgentServices.None).Acme?.Invoke(new AcmeContext(home.DataDirectory, challenges, time, logging));
        await using var listeners = new SharedListeners(challenges, logging, time);
        var metrics = settings.Metrics.Enabled ? new AgentMetrics() : null;
        await using var metricsServer = await MetricsEndpoint.StartAsync(settings.Metrics, metrics, logging, time, cancellationToken).ConfigureAwait(false);
        var context = new AgentContext(home, DesiredStateStore.Open(home.StatePath), time, logging, RestartPolicy.Default, ProcessRunner.Default,
            listeners, new ServiceCertificates(acme, time)) { Metrics = metrics };
        var startedAt = context.Time.GetUtcNow();
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var registry = new ServiceRegistry(context);
        ControlServer? server = null;
        using var stopRenewals = new CancellationTokenSource();
        var renewals = acme is null ? Task.CompletedTask : Task.Run(() => RenewForeverAsync(acme, logger, stopRenewals.Token), CancellationToken.None);

        // Whatever fails here, the registry stops what it restored: no instance outlives its supervisor.
        try
        {
            await registry.RestoreAsync().ConfigureAwait(false);
            var dispatcher = new RequestDispatcher(registry, startedAt, () => shutdown.Cancel());
            server = ControlServer.Start(home.SocketPath, dispatcher.HandleAsync, logger);
            AgentLog.Started(logger, Environment.ProcessId, home.SocketPath);
            try
            {
                await Task.Delay(Timeout.Infinite, shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                AgentLog.Stopping(logger);
            }
        }
        finally
        {
            // No renewal may start while the services go; one under way is cancelled.
            await stopRenewals.CancelAsync().ConfigureAwait(false);
            await renewals.ConfigureAwait(false);

            // Services first: releases in progress are aborted and answer their clients before the socket closes.
            await registry.DisposeAsync().ConfigureAwait(false);
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            // The ACME client may renew in the background: it stops with the agent.
            if (acme is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                (acme as IDisposable)?.Dispose();
            }
        }

        return ExitCodes.Success;
    }

    // The ACME client renews what it handed out for as long as the agent runs; a renewed certificate reaches the
    // proxy through its Renewed event (see ServiceCertificates), so no service restarts for it.
    private static async Task RenewForeverAsync(IAcmeCertificates acme, ILogger logger, CancellationToken ct)
    {
        try
        {
            await acme.RunRenewalsAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The agent stops.
        }
        catch (Exception ex)
        {
            AcmeLog.RenewalsStopped(logger, ex);
        }
    }
}
