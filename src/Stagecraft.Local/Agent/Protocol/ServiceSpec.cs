namespace Stagecraft.Local.Agent.Protocol;

/// <summary>
/// Everything the agent needs to release one revision of a service, resolved by the service kind.
/// It is also what the agent persists for each release, so a restart or a rollback can start it again.
/// </summary>
public sealed record ServiceSpec
{
    public required string Project { get; init; }

    public required string Environment { get; init; }

    public required string Stage { get; init; }

    /// <summary>Absolute path of the directory to release.</summary>
    public required string Revision { get; init; }

    /// <summary>Program and arguments, run inside the staged release directory.</summary>
    public required IReadOnlyList<string> Start { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of <see cref="Env"/> entries whose values came from secrets: the agent masks them in everything it logs or sends back.</summary>
    public IReadOnlyList<string> SensitiveEnv { get; init; } = [];

    /// <summary>The public address the proxy binds: 127.0.0.1:8080, 0.0.0.0:443, [::]:443. Services may share one.</summary>
    public required string Listen { get; init; }

    /// <summary>Host names (exact or *.name, normalized) this service answers on its address; empty: the address's default route.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>The path prefix this service answers ("/api" serves /api and /api/…); "/" for every path.</summary>
    public string PathPrefix { get; init; } = "/";

    public TlsSpec? Tls { get; init; }

    /// <summary>The plain-HTTP address that answers ACME challenges and redirects to HTTPS (with <c>tls.acme</c>).</summary>
    public string? HttpListen { get; init; }

    /// <summary>Addresses and CIDRs whose X-Forwarded-* headers are believed.</summary>
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    public int Instances { get; init; } = 1;

    public HealthSpec Health { get; init; } = new();

    /// <summary>Lifecycle hooks written in the stage (absolute locations); appspec.yml hooks are read from the revision.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<HookSpec>> Hooks { get; init; } = new Dictionary<string, IReadOnlyList<HookSpec>>();

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Previous releases kept on disk for rollback, besides the live one.</summary>
    public int KeepReleases { get; init; } = 3;

    public BakeSpec? Bake { get; init; }

    /// <summary>Shift traffic to green in steps judged on its error rate, instead of all at once (not for a first release or a rollback).</summary>
    public RolloutSpec? Rollout { get; init; }

    public LogSpec Logs { get; init; } = new();

    /// <summary>The stage fingerprint this spec came from; an equal one already live and healthy is not released again.</summary>
    public string Fingerprint { get; init; } = "";

    public string Id => ServiceId.Of(Project, Environment, Stage);
}
