namespace Stagecraft.Local.Kinds.Service;

/// <summary>The settings a service stage accepts.</summary>
internal static class ServiceSchema
{
    public const string Revision = "revision";
    public const string Version = "version";
    public const string Start = "start";
    public const string Env = "env";
    public const string Listen = "listen";
    public const string Instances = "instances";
    public const string Health = "health";
    public const string Hooks = "hooks";
    public const string DrainTimeout = "drain_timeout";
    public const string StopTimeout = "stop_timeout";
    public const string KeepReleases = "keep_releases";
    public const string Bake = "bake";
    public const string Rollout = "rollout";
    public const string Logs = "logs";
    public const string Hosts = "hosts";
    public const string PathPrefix = "path_prefix";
    public const string Tls = "tls";
    public const string HttpListen = "http_listen";
    public const string TrustedProxies = "trusted_proxies";

    public static KindSchema Create() => new(
        new FieldSpec(Revision, FieldType.Path, "the directory to release, usually a build stage's output: \"${stages.build.outputs.dir}\"", Required: true),
        new FieldSpec(Version, FieldType.String, "what identifies the revision's content (a hash or commit, e.g. \"${stages.build.outputs.revision}\"); part of the fingerprint, so new content releases even when the path stays the same"),
        new FieldSpec(Start, FieldType.Argv, "the program and arguments, run inside the staged release: [\"dotnet\", \"App.dll\"]", Required: true),
        new FieldSpec(Env, FieldType.StringMap, "environment variables for the instances and hooks"),
        new FieldSpec(Listen, FieldType.String, "the public address the agent's proxy binds: \"127.0.0.1:8080\", \"0.0.0.0:443\", \"[::]:443\"; services may share one", Required: true),
        new FieldSpec(Hosts, FieldType.StringList, "host names this service answers on a shared address: [notes.example.com, \"*.example.com\"]; without it, the address's default route"),
        new FieldSpec(PathPrefix, FieldType.String, "only requests under this path go to the service: /api (serves /api and /api/…)"),
        new FieldSpec(Tls, FieldType.Object, "HTTPS: { certificate, key } (PEM files) or { acme: { email, directory, ca_bundle } }") { Nested = TlsSchema() },
        new FieldSpec(HttpListen, FieldType.String, "plain-HTTP address answering ACME challenges and redirecting to HTTPS: \"0.0.0.0:80\" (required with tls.acme)"),
        new FieldSpec(TrustedProxies, FieldType.StringList, "addresses or CIDRs of proxies in front whose X-Forwarded-* headers are believed: [10.0.0.0/8]"),
        new FieldSpec(Instances, FieldType.Integer, "how many instances, served round robin (default 1)"),
        new FieldSpec(Health, FieldType.Object, "the readiness check: { path, interval, timeout, healthy_threshold, grace, host }") { Nested = HealthSchema() },
        new FieldSpec(Hooks, FieldType.Object, "lifecycle hooks: { BeforeInstall: [ { location, timeout, runas } ], … }") { Nested = HooksSchema() },
        new FieldSpec(DrainTimeout, FieldType.Duration, "how long blue's in-flight requests may take to finish after the switch (default 30s)"),
        new FieldSpec(StopTimeout, FieldType.Duration, "how long an instance gets between SIGTERM and SIGKILL (default 10s)"),
        new FieldSpec(KeepReleases, FieldType.Integer, "previous releases kept for rollback (default 3)"),
        new FieldSpec(Bake, FieldType.Object, "watch green after the switch: { window, max_error_rate, min_requests }") { Nested = BakeSchema() },
        new FieldSpec(Rollout, FieldType.Object, "shift traffic to green in steps judged on its error rate: { steps, step_time, max_error_rate, min_requests, max_step_time, sticky }") { Nested = RolloutSettings.Schema() },
        new FieldSpec(Logs, FieldType.Object, "per-instance log rotation: { max_size, keep }") { Nested = LogsSchema() });

    private static KindSchema HealthSchema() => new(
        new FieldSpec("path", FieldType.String, "the path checked with GET (default /healthz)"),
        new FieldSpec("interval", FieldType.Duration, "time between checks (default 1s)"),
        new FieldSpec("timeout", FieldType.Duration, "how long one check may take (default 2s)"),
        new FieldSpec("healthy_threshold", FieldType.Integer, "consecutive 2xx answers needed (default 2)"),
        new FieldSpec("grace", FieldType.Duration, "how long an instance may take to become healthy (default 60s)"),
        new FieldSpec("host", FieldType.String, "Host header sent with the check"));

    private static KindSchema HooksSchema() => new(
        LifecycleEvent.All.Select(e => new FieldSpec(e, FieldType.Any, "a list of { location, timeout, runas }")).ToArray());

    private static KindSchema BakeSchema() => new(
        new FieldSpec("window", FieldType.Duration, "how long green is watched after the switch", Required: true),
        new FieldSpec("max_error_rate", FieldType.String, "fraction of green's requests that may fail (5xx) before traffic goes back to blue (default 0.05)"),
        new FieldSpec("min_requests", FieldType.Integer, "the error rate is judged once green served this many requests (default 20)"));

    private static KindSchema TlsSchema() => new(
        new FieldSpec("certificate", FieldType.String, "PEM certificate file (its chain after it); reloaded when it changes"),
        new FieldSpec("key", FieldType.String, "PEM private key file of the certificate"),
        new FieldSpec("acme", FieldType.Object, "certificates from an ACME server by HTTP-01: { email, directory, ca_bundle }") { Nested = AcmeSchema() });

    private static KindSchema AcmeSchema() => new(
        new FieldSpec("email", FieldType.String, "contact address for the ACME account"),
        new FieldSpec("directory", FieldType.String, "the ACME directory URL (default Let's Encrypt: https://acme-v02.api.letsencrypt.org/directory)"),
        new FieldSpec("ca_bundle", FieldType.String, "PEM file of the CA that serves the directory's HTTPS (private ACME servers)"));

    private static KindSchema LogsSchema() => new(
        new FieldSpec("max_size", FieldType.String, "size at which an instance log rolls over: 10MB, 512KB (default 10MB)"),
        new FieldSpec("keep", FieldType.Integer, "rolled files kept (default 3)"));
}
