namespace Stagecraft.Local.Agent.Tls;

/// <summary>
/// Before a release's switch (and when the agent brings a service back): the service's certificate, loaded from
/// its files or obtained from ACME while its <c>http_listen</c> answers the challenges. Failing here fails the
/// release before it takes traffic.
/// </summary>
internal static class CertificateStep
{
    public static async Task<ICertificateSource?> AcquireAsync(AgentContext agent, ServiceSpec spec, IReleaseProgress progress, CancellationToken ct)
    {
        if (spec.Tls?.Acme is null || spec.HttpListen is not { } httpListen)
        {
            return await agent.Certificates.ForAsync(spec, progress, ct).ConfigureAwait(false);
        }

        await agent.Listeners.BeginChallengesAsync(httpListen, ct).ConfigureAwait(false);
        try
        {
            return await agent.Certificates.ForAsync(spec, progress, ct).ConfigureAwait(false);
        }
        finally
        {
            await agent.Listeners.EndChallengesAsync(httpListen).ConfigureAwait(false);
        }
    }
}
