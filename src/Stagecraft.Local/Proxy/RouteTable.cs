namespace Stagecraft.Local.Proxy;

/// <summary>One service's claim on a shared address: host patterns (none: the default route) and a path prefix.</summary>
/// <param name="Hosts">Exact names and *.name wildcards, normalized by <see cref="HostPattern.Normalize"/>.</param>
/// <param name="PathPrefix">"/" for every path, or "/api" for /api and /api/…</param>
public sealed record ProxyRoute(string Name, IReadOnlyList<string> Hosts, string PathPrefix, ServiceProxy Proxy, ICertificateSource? Certificate = null);

/// <summary>
/// An immutable lookup from Host and path to a route, rebuilt whole when services come and go and swapped in
/// atomically. Lookups do not allocate: hosts are matched through span lookups, prefixes longest first.
/// </summary>
public sealed class RouteTable
{
    public static readonly RouteTable Empty = new([]);

    private readonly Dictionary<string, ProxyRoute[]> _exact;
    private readonly Dictionary<string, ProxyRoute[]>.AlternateLookup<ReadOnlySpan<char>> _exactLookup;
    private readonly Dictionary<string, ProxyRoute[]> _wildcard;
    private readonly Dictionary<string, ProxyRoute[]>.AlternateLookup<ReadOnlySpan<char>> _wildcardLookup;
    private readonly ProxyRoute[] _default;

    public RouteTable(IReadOnlyList<ProxyRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        Routes = routes;
        var exact = new Dictionary<string, List<ProxyRoute>>(StringComparer.OrdinalIgnoreCase);
        var wildcard = new Dictionary<string, List<ProxyRoute>>(StringComparer.OrdinalIgnoreCase);
        var fallback = new List<ProxyRoute>();
        foreach (var route in routes)
        {
            if (route.Hosts.Count == 0)
            {
                fallback.Add(route);
            }

            foreach (var host in route.Hosts)
            {
                var (map, key) = HostPattern.IsWildcard(host) ? (wildcard, host[2..]) : (exact, host);
                if (!map.TryGetValue(key, out var list))
                {
                    map[key] = list = [];
                }

                list.Add(route);
            }
        }

        _exact = exact.ToDictionary(e => e.Key, e => LongestFirst(e.Value), StringComparer.OrdinalIgnoreCase);
        _wildcard = wildcard.ToDictionary(e => e.Key, e => LongestFirst(e.Value), StringComparer.OrdinalIgnoreCase);
        _exactLookup = _exact.GetAlternateLookup<ReadOnlySpan<char>>();
        _wildcardLookup = _wildcard.GetAlternateLookup<ReadOnlySpan<char>>();
        _default = LongestFirst(fallback);
    }

    public IReadOnlyList<ProxyRoute> Routes { get; }

    /// <summary>
    /// The route for a request: the exact host first, then the most specific wildcard, then the routes without
    /// hosts; within each, the longest path prefix that matches whole segments. Null: nothing serves it.
    /// </summary>
    public ProxyRoute? Match(ReadOnlySpan<char> hostHeader, ReadOnlySpan<char> path)
    {
        var name = HostPattern.NameOf(hostHeader);
        if (_exact.Count > 0 && _exactLookup.TryGetValue(name, out var exact) && ByPrefix(exact, path) is { } byExact)
        {
            return byExact;
        }

        if (_wildcard.Count > 0)
        {
            var rest = name;
            for (var dot = rest.IndexOf('.'); dot >= 0; dot = rest.IndexOf('.'))
            {
                rest = rest[(dot + 1)..];
                if (_wildcardLookup.TryGetValue(rest, out var wild) && ByPrefix(wild, path) is { } byWildcard)
                {
                    return byWildcard;
                }
            }
        }

        return ByPrefix(_default, path);
    }

    /// <summary>The route whose certificate answers a TLS handshake for <paramref name="serverName"/> (SNI), by host alone.</summary>
    public ProxyRoute? MatchServerName(string? serverName)
    {
        var route = Match(serverName ?? "", "/");
        if (route?.Certificate is not null)
        {
            return route;
        }

        // No SNI, or a name no route claims: the default route's certificate, else any certificate at all.
        foreach (var candidate in Routes)
        {
            if (candidate.Certificate is not null && candidate.Hosts.Count == 0)
            {
                return candidate;
            }
        }

        foreach (var candidate in Routes)
        {
            if (candidate.Certificate is not null)
            {
                return candidate;
            }
        }

        return null;
    }

    private static ProxyRoute? ByPrefix(ProxyRoute[] routes, ReadOnlySpan<char> path)
    {
        foreach (var route in routes)
        {
            if (PrefixMatches(route.PathPrefix, path))
            {
                return route;
            }
        }

        return null;
    }

    // "/api" serves /api and /api/…, not /apis.
    private static bool PrefixMatches(string prefix, ReadOnlySpan<char> path)
    {
        if (prefix.Length <= 1)
        {
            return true;
        }

        return path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] == '/' || prefix[^1] == '/');
    }

    private static ProxyRoute[] LongestFirst(List<ProxyRoute> routes) => [.. routes.OrderByDescending(r => r.PathPrefix.Length)];
}
