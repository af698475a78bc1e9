namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// What one service claims of a shared address: its hosts (none: the default route) and path prefix, whether
/// it serves TLS, and the plain-HTTP address of its ACME challenges. Two claims clash when one request could
/// go to either; the validator (within a file) and the agent (across projects) use the same rule.
/// </summary>
/// <param name="Service">How the service is named in messages (project/environment/stage, or the stage in a file).</param>
public sealed record RouteClaim(string Service, IPEndPoint Listen, IReadOnlyList<string> Hosts, string PathPrefix, bool Tls, IPEndPoint? HttpListen)
{
    /// <summary>Why <paramref name="incoming"/> cannot join <paramref name="existing"/>; null when they can share.</summary>
    public static string? Clash(RouteClaim existing, RouteClaim incoming)
    {
        if (incoming.HttpListen is { } http && http.Equals(existing.Listen))
        {
            return $"http_listen {Show(http)} of {incoming.Service} is the listen address of {existing.Service}";
        }

        if (existing.HttpListen is { } taken && taken.Equals(incoming.Listen))
        {
            return $"listen {Show(taken)} of {incoming.Service} is the http_listen address of {existing.Service}";
        }

        if (!existing.Listen.Equals(incoming.Listen))
        {
            return null;
        }

        if (existing.Tls != incoming.Tls)
        {
            var (https, plain) = existing.Tls ? (existing, incoming) : (incoming, existing);
            return $"{https.Service} serves HTTPS on {Show(incoming.Listen)} but {plain.Service} serves plain HTTP there: services sharing an address must all use TLS or none";
        }

        if (!string.Equals(existing.PathPrefix, incoming.PathPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var path = incoming.PathPrefix == "/" ? "" : $" and path_prefix {incoming.PathPrefix}";
        if (existing.Hosts.Count == 0 && incoming.Hosts.Count == 0)
        {
            return $"{existing.Service} and {incoming.Service} both claim the default route of {Show(incoming.Listen)} (no 'hosts'{path})";
        }

        var shared = incoming.Hosts.FirstOrDefault(h => existing.Hosts.Contains(h, StringComparer.OrdinalIgnoreCase));
        return shared is null ? null : $"{existing.Service} and {incoming.Service} both claim host {shared}{path} on {Show(incoming.Listen)}";
    }

    private static string Show(IPEndPoint endpoint) => endpoint.ToString();
}
