namespace Stagecraft.Local.Agent;

/// <summary>
/// What the composition root (the CLI) plugs into the agent and the service kind. Without an ACME client a
/// service asking for <c>tls.acme</c> is refused by validate and by the agent, saying this build has none.
/// </summary>
public sealed record AgentServices
{
    public static readonly AgentServices None = new();

    /// <summary>Makes the agent's ACME client; null: this build has none.</summary>
    public Func<AcmeContext, IAcmeCertificates>? Acme { get; init; }
}

/// <summary>What an ACME client gets from the agent that runs it.</summary>
/// <param name="DataDirectory">The agent's data directory (0711); keep account keys and certificates owner-only below it.</param>
/// <param name="Challenges">The store the agent's <c>http_listen</c> listeners answer HTTP-01 challenges from.</param>
public sealed record AcmeContext(string DataDirectory, Http01ChallengeStore Challenges, TimeProvider Time, ILoggerFactory Logging);
