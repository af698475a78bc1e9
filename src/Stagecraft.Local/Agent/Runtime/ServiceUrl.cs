namespace Stagecraft.Local.Agent.Runtime;

/// <summary>A service's <c>url</c> output: its first exact host (else its address) with the scheme TLS gives it, and its path prefix.</summary>
public static class ServiceUrl
{
    public static string Of(ServiceSpec spec)
    {
        var endpoint = ListenAddress.Parse(spec.Listen);
        var scheme = spec.Tls is null ? "http" : "https";
        var host = spec.Hosts.FirstOrDefault(h => !HostPattern.IsWildcard(h));
        string authority;
        if (host is null)
        {
            authority = ListenAddress.Authority(endpoint);
        }
        else
        {
            var defaultPort = spec.Tls is null ? 80 : 443;
            authority = endpoint.Port == defaultPort ? host : $"{host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
        }

        return $"{scheme}://{authority}{(spec.PathPrefix == "/" ? "" : spec.PathPrefix)}";
    }
}
