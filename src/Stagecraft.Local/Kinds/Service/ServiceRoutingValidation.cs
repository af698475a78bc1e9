namespace Stagecraft.Local.Kinds.Service;

/// <summary>
/// Offline checks of a service's public face: hosts, path_prefix, tls, http_listen, trusted_proxies, and that no
/// two services of the file claim the same host and prefix on one address (the agent checks across projects).
/// Values holding references are checked at deploy time instead.
/// </summary>
internal static class ServiceRoutingValidation
{
    public static void Validate(StageDefinition stage, KindValidationContext context, bool acmeAvailable)
    {
        var diagnostics = context.Diagnostics;
        var settings = stage.Settings;
        var name = stage.Name;
        foreach (var host in Scalars(settings[ServiceSchema.Hosts]).Where(h => HostPattern.Normalize(h.Text) is null))
        {
            diagnostics.Add(host.TextLocation, $"'{host.Text}' in 'hosts' of stage '{name}' is not a host name",
                "write names like notes.example.com, or *.example.com for every name under example.com");
        }

        if (Literal(settings[ServiceSchema.PathPrefix]) is { } prefix && ServicePaths.NormalizePrefix(prefix.Text) is null)
        {
            diagnostics.Add(prefix.TextLocation, $"'path_prefix' of stage '{name}' must be a path starting with / (like /api), without query or spaces", "write path_prefix: /api, or leave it out to serve every path");
        }

        if (Literal(settings[ServiceSchema.HttpListen]) is { } http && !ListenAddress.TryParse(http.Text, out _, out var httpError))
        {
            diagnostics.Add(http.TextLocation, $"'http_listen' of stage '{name}': {httpError}", "write an address and port, e.g. \"0.0.0.0:80\" or \"[::]:80\"");
        }

        foreach (var proxy in Scalars(settings[ServiceSchema.TrustedProxies]).Where(p => !TrustedProxyList.TryParseOne(p.Text, out _)))
        {
            diagnostics.Add(proxy.TextLocation, $"'{proxy.Text}' in 'trusted_proxies' of stage '{name}' is not an IP address or CIDR", "e.g. 10.0.0.5 or 10.0.0.0/8");
        }

        ValidateTls(stage, diagnostics, acmeAvailable);
        ValidateClashes(stage, context);
    }

    private static void ValidateTls(StageDefinition stage, DiagnosticBag diagnostics, bool acmeAvailable)
    {
        var settings = stage.Settings;
        var httpListen = settings.Find(ServiceSchema.HttpListen);
        if (settings[ServiceSchema.Tls] is not ConfigMap tls)
        {
            if (httpListen is not null)
            {
                diagnostics.Add(httpListen.KeyLocation, $"'http_listen' of stage '{stage.Name}' redirects to HTTPS, but the stage has no 'tls'", "add tls: { certificate, key } or tls: { acme: … }, or remove http_listen");
            }

            return;
        }

        var acme = tls.Find("acme");
        var files = tls.Find("certificate") is not null || tls.Find("key") is not null;
        if (acme is not null && files)
        {
            diagnostics.Add(tls.Location, $"'tls' of stage '{stage.Name}' has both certificate files and acme", "use one: { certificate, key } or { acme: … }");
        }
        else if (acme is null && (tls.Find("certificate") is null || tls.Find("key") is null))
        {
            diagnostics.Add(tls.Location, $"'tls' of stage '{stage.Name}' needs both 'certificate' and 'key' (PEM files), or 'acme'", "e.g. tls: { certificate: certs/site.pem, key: certs/site.key }, or tls: { acme: { email: you@example.com } }");
        }

        if (acme is null)
        {
            return;
        }

        if (!acmeAvailable)
        {
            diagnostics.Add(acme.KeyLocation, $"tls.acme of stage '{stage.Name}': tls.acme is not available in this build of stagecraft", "use tls: { certificate, key } with certificate files");
        }

        if (httpListen is null)
        {
            diagnostics.Add(acme.KeyLocation, $"tls.acme of stage '{stage.Name}' needs 'http_listen': the ACME server checks the challenge over plain HTTP on port 80",
                "add http_listen: \"0.0.0.0:80\" (the proxy binds only the addresses the file names)");
        }

        var hosts = Scalars(settings[ServiceSchema.Hosts]).ToList();
        if (settings[ServiceSchema.Hosts] is null)
        {
            diagnostics.Add(acme.KeyLocation, $"tls.acme of stage '{stage.Name}' needs 'hosts': the certificate is issued for those names", "add hosts: [www.example.com] to the stage, each a name that reaches this server");
        }

        foreach (var wildcard in hosts.Where(h => HostPattern.IsWildcard(h.Text.Trim())))
        {
            diagnostics.Add(wildcard.TextLocation, $"'{wildcard.Text}' of stage '{stage.Name}': a wildcard certificate cannot be had by HTTP-01 (tls.acme)",
                "list the names one by one, or use tls: { certificate, key } with a wildcard certificate from elsewhere");
        }
    }

    // Each pair is reported once, at the later stage, naming the earlier one.
    private static void ValidateClashes(StageDefinition stage, KindValidationContext context)
    {
        if (ClaimOf(stage) is not { } incoming)
        {
            return;
        }

        foreach (var earlier in context.Project.Stages.TakeWhile(s => !ReferenceEquals(s, stage)).Where(s => s.Kind == stage.Kind))
        {
            if (ClaimOf(earlier) is { } existing && RouteClaim.Clash(existing, incoming) is { } clash)
            {
                var at = Literal(stage.Settings[ServiceSchema.Listen])!.TextLocation;
                context.Diagnostics.Add(at, clash, $"stage '{earlier.Name}' is at {earlier.Location}; give them different 'hosts' or 'path_prefix', or different 'listen' addresses");
            }
        }
    }

    private static RouteClaim? ClaimOf(StageDefinition stage)
    {
        var settings = stage.Settings;
        if (Literal(settings[ServiceSchema.Listen]) is not { } listen || !ListenAddress.TryParse(listen.Text, out var endpoint, out _))
        {
            return null;
        }

        var hostNodes = settings[ServiceSchema.Hosts];
        var prefixNode = settings[ServiceSchema.PathPrefix];
        var httpNode = settings[ServiceSchema.HttpListen];
        var hosts = Scalars(hostNodes).Select(h => HostPattern.Normalize(h.Text)).ToList();
        var prefix = prefixNode is null ? "/" : Literal(prefixNode) is { } p ? ServicePaths.NormalizePrefix(p.Text) : null;
        IPEndPoint? http = null;
        var unresolved = (hostNodes is not null && (hostNodes is not ConfigList list || list.Items.Any(i => Literal(i) is null)))
            || hosts.Any(h => h is null)
            || prefix is null
            || (httpNode is not null && (Literal(httpNode) is not { } h || !ListenAddress.TryParse(h.Text, out http, out _)));
        if (unresolved)
        {
            // A reference (resolved only at deploy time, where the agent checks) or a value reported as invalid above.
            return null;
        }

        return new RouteClaim($"stage '{stage.Name}'", endpoint, hosts.OfType<string>().ToList(), prefix!, settings[ServiceSchema.Tls] is not null, http);
    }

    private static ConfigScalar? Literal(ConfigNode? node) =>
        node is ConfigScalar { IsNull: false } scalar && !scalar.Text.Contains("${", StringComparison.Ordinal) ? scalar : null;

    private static IEnumerable<ConfigScalar> Scalars(ConfigNode? node) =>
        node is ConfigList list ? list.Items.Select(Literal).OfType<ConfigScalar>() : [];
}
