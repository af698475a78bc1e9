using Stagecraft.Aws;
using Stagecraft.Aws.State;
using Stagecraft.Aws.Targets;
using Stagecraft.Local;
using Stagecraft.Local.Agent.Acme;
using Stagecraft.Local.State;
using Stagecraft.Local.Targets;

namespace Stagecraft.Cli.Hosting;

/// <summary>Every kind, target and state backend this build of stagecraft knows.</summary>
internal static class StagecraftCatalog
{
    /// <summary>How this CLI starts itself as a background agent.</summary>
    public static AgentStartCommand? StartCommand => AgentStartCommand.ForThisProcess("stagecraft.dll");

    /// <summary>
    /// What this build plugs into the host agent and the service kind: the ACME client, keeping its account keys
    /// and certificates under the agent's data directory (null here would refuse services asking for tls.acme).
    /// </summary>
    public static AgentServices Agent { get; } = new() { Acme = context => new AcmeCertificates(context) };

    public static Catalog Create() => Create(new AwsTarget());

    /// <summary>The same catalog with an AWS target of the caller's (tests give one wired to doubles).</summary>
    public static Catalog Create(AwsTarget aws) => new Catalog()
        .AddLocalKinds(Agent)
        .AddAwsKinds()
        .Add(new LocalTarget(new AgentConnector(AgentHome.Resolve(Environment.GetEnvironmentVariable), StartCommand)))
        .Add(aws)
        .Add(new SqliteStateBackend())
        .Add(new S3StateBackend());
}
