using Stagecraft.Aws.State;
using Stagecraft.Aws.Targets;
using Stagecraft.Core.Kinds;
using Stagecraft.Local;
using Stagecraft.Local.Agent;
using Stagecraft.Local.Agent.Control;
using Stagecraft.Local.State;
using Stagecraft.Local.Targets;

namespace Stagecraft.Cli.Hosting;

/// <summary>Every kind, target and state backend this build of stagecraft knows.</summary>
internal static class StagecraftCatalog
{
    /// <summary>How this CLI starts itself as a background agent.</summary>
    public static AgentStartCommand? StartCommand => AgentStartCommand.ForThisProcess(typeof(StagecraftCatalog).Assembly.Location);

    public static Catalog Create() => new Catalog()
        .AddLocalKinds()
        .Add(new LocalTarget(new AgentConnector(AgentHome.Resolve(Environment.GetEnvironmentVariable), StartCommand)))
        .Add(new AwsTarget())
        .Add(new SqliteStateBackend())
        .Add(new S3StateBackend());
}
