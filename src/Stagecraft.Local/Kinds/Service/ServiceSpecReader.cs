namespace Stagecraft.Local.Kinds.Service;

/// <summary>Turns a service stage's resolved settings into the spec the agent releases, checking values on the way.</summary>
internal static class ServiceSpecReader
{
    public static ServiceSpec Read(StageContext context)
    {
        var settings = context.Settings;
        var revision = context.ResolvePath(settings.Scalar(ServiceSchema.Revision) ?? throw Missing(ServiceSchema.Revision));
        if (!Directory.Exists(revision))
        {
            throw new StageFailedException($"the revision directory {Path.GetRelativePath(context.ProjectDirectory, revision)} does not exist",
                hint: "point 'revision' at a directory, usually a build stage's output");
        }

        var listen = settings.RequiredString(ServiceSchema.Listen);
        if (!ListenAddress.TryParse(listen, out _, out var listenError))
        {
            throw new StageFailedException($"{settings.Scalar(ServiceSchema.Listen)!.Location}: listen {listenError}");
        }

        var instances = settings.Integer(ServiceSchema.Instances) ?? 1;
        if (instances is < 1 or > 64)
        {
            throw new StageFailedException($"instances must be from 1 to 64, not {instances}");
        }

        var envEntries = settings.ScalarMap(ServiceSchema.Env) ?? [];
        var env = envEntries.ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal);
        return new ServiceSpec
        {
            Project = context.Project,
            Environment = context.Environment.Name,
            Stage = context.Stage,
            Revision = revision,
            Start = settings.StringList(ServiceSchema.Start) ?? throw Missing(ServiceSchema.Start),
            Env = env,
            SensitiveEnv = envEntries.Where(e => e.Value.Sensitive).Select(e => e.Key).ToList(),
            Listen = listen,
            Hosts = ReadHosts(settings),
            PathPrefix = ReadPathPrefix(settings),
            Tls = ReadTls(context, settings),
            HttpListen = ReadHttpListen(settings),
            TrustedProxies = ReadTrustedProxies(settings),
            Instances = instances,
            Health = ReadHealth(settings.Map(ServiceSchema.Health)),
            Hooks = ReadHooks(context, settings.Map(ServiceSchema.Hooks)),
            DrainTimeout = settings.Duration(ServiceSchema.DrainTimeout) ?? TimeSpan.FromSeconds(30),
            StopTimeout = settings.Duration(ServiceSchema.StopTimeout) ?? TimeSpan.FromSeconds(10),
            KeepReleases = Math.Max(0, settings.Integer(ServiceSchema.KeepReleases) ?? 3),
            Bake = ReadBake(settings.Map(ServiceSchema.Bake)),
            Rollout = RolloutSettings.Read(settings.Map(ServiceSchema.Rollout)),
            Logs = ReadLogs(settings.Map(ServiceSchema.Logs)),
            Fingerprint = context.Fingerprint,
        };
    }

    private static List<string> ReadHosts(ResolvedMap settings) =>
        (settings.ScalarList(ServiceSchema.Hosts) ?? []).Select(h => HostPattern.Normalize(h.Value)
            ?? throw new StageFailedException($"{h.Location}: '{h.Value}' in 'hosts' is not a host name (notes.example.com or *.example.com)")).Distinct(StringComparer.Ordinal).ToList();

    private static string ReadPathPrefix(ResolvedMap settings) =>
        settings.Scalar(ServiceSchema.PathPrefix) is not { } prefix ? "/"
            : ServicePaths.NormalizePrefix(prefix.Value) ?? throw new StageFailedException($"{prefix.Location}: path_prefix must be a path starting with / (like /api), not '{prefix.Value}'");

    private static string? ReadHttpListen(ResolvedMap settings)
    {
        if (settings.Scalar(ServiceSchema.HttpListen) is not { } http)
        {
            return null;
        }

        return ListenAddress.TryParse(http.Value, out _, out var error) ? http.Value : throw new StageFailedException($"{http.Location}: http_listen {error}");
    }

    private static List<string> ReadTrustedProxies(ResolvedMap settings) =>
        (settings.ScalarList(ServiceSchema.TrustedProxies) ?? []).Select(p => TrustedProxyList.TryParseOne(p.Value, out _) ? p.Value.Trim()
            : throw new StageFailedException($"{p.Location}: '{p.Value}' in 'trusted_proxies' is not an IP address or CIDR")).ToList();

    private static TlsSpec? ReadTls(StageContext context, ResolvedMap settings)
    {
        if (settings.Map(ServiceSchema.Tls) is not { } tls)
        {
            return null;
        }

        if (tls.Map("acme") is { } acme)
        {
            var hosts = ReadHosts(settings);
            if (settings.Scalar(ServiceSchema.HttpListen) is null || hosts.Count == 0 || hosts.Any(HostPattern.IsWildcard))
            {
                throw new StageFailedException($"{acme.Location}: tls.acme needs 'http_listen' and 'hosts' without wildcards (HTTP-01 cannot prove a wildcard)");
            }

            var directory = acme.String("directory");
            if (directory is not null && (!Uri.TryCreate(directory, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new StageFailedException($"{acme.Location}: tls.acme.directory must be an https URL, not '{directory}'");
            }

            return new TlsSpec { Acme = new AcmeSpec { Email = acme.String("email"), Directory = directory, CaBundle = FilePath(context, acme.String("ca_bundle")) } };
        }

        var certificate = FilePath(context, tls.String("certificate"));
        var key = FilePath(context, tls.String("key"));
        if (certificate is null || key is null)
        {
            throw new StageFailedException($"{tls.Location}: tls needs both 'certificate' and 'key' (PEM files), or 'acme'");
        }

        return new TlsSpec { Certificate = certificate, Key = key };
    }

    // Certificates usually live outside the project (/etc/letsencrypt, /etc/ssl): absolute paths stay, relative ones are the project's.
    private static string? FilePath(StageContext context, string? value) =>
        value is null ? null : Path.GetFullPath(Path.Combine(context.ProjectDirectory, value));

    private static HealthSpec ReadHealth(ResolvedMap? health)
    {
        if (health is null)
        {
            return new HealthSpec();
        }

        var defaults = new HealthSpec();
        var path = health.String("path") ?? defaults.Path;
        return new HealthSpec
        {
            Path = path.StartsWith('/') ? path : "/" + path,
            Interval = Positive(health.Duration("interval") ?? defaults.Interval, "health.interval"),
            Timeout = Positive(health.Duration("timeout") ?? defaults.Timeout, "health.timeout"),
            HealthyThreshold = Math.Max(1, health.Integer("healthy_threshold") ?? defaults.HealthyThreshold),
            Grace = health.Duration("grace") ?? defaults.Grace,
            Host = health.String("host"),
        };
    }

    private static Dictionary<string, IReadOnlyList<HookSpec>> ReadHooks(StageContext context, ResolvedMap? hooks)
    {
        var result = new Dictionary<string, IReadOnlyList<HookSpec>>(StringComparer.Ordinal);
        foreach (var (name, node) in hooks?.Entries ?? [])
        {
            if (node is not ResolvedList list)
            {
                throw new StageFailedException($"{node.Location}: hooks.{name} must be a list of {{ location, timeout, runas }}");
            }

            result[name] = list.Items.Select(item => item is ResolvedMap step
                ? new HookSpec(
                    context.ResolvePath(step.Scalar("location") ?? throw new StageFailedException($"{step.Location}: every hook under hooks.{name} needs a 'location'")),
                    step.Duration("timeout") ?? TimeSpan.FromMinutes(5),
                    step.String("runas"))
                : throw new StageFailedException($"{item.Location}: hooks.{name} items must be mappings {{ location, timeout, runas }}")).ToList();
        }

        return result;
    }

    private static BakeSpec? ReadBake(ResolvedMap? bake)
    {
        if (bake is null)
        {
            return null;
        }

        var rateText = bake.String("max_error_rate");
        var rate = 0.05;
        if (rateText is not null && (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate is < 0 or > 1))
        {
            throw new StageFailedException($"bake.max_error_rate must be a fraction from 0 to 1 (0.05 is 5%), not '{rateText}'");
        }

        return new BakeSpec(bake.Duration("window") ?? throw Missing("bake.window"), rate, Math.Max(1, bake.Integer("min_requests") ?? 20));
    }

    private static LogSpec ReadLogs(ResolvedMap? logs)
    {
        if (logs is null)
        {
            return new LogSpec();
        }

        var defaults = new LogSpec();
        var size = logs.String("max_size");
        return new LogSpec
        {
            MaxBytes = size is null ? defaults.MaxBytes : ByteSize.TryParse(size) ?? throw new StageFailedException($"logs.max_size must be a size such as 10MB or 512KB, not '{size}'"),
            Keep = Math.Max(0, logs.Integer("keep") ?? defaults.Keep),
        };
    }

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new StageFailedException($"{name} must be more than zero");

    private static StagecraftException Missing(string key) => new StageFailedException($"setting '{key}' is required");
}
