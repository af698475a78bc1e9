using Stagecraft.Aws;
using Stagecraft.Aws.Targets;
using Stagecraft.Core.Kinds;
using Stagecraft.Local;
using Stagecraft.Local.State;
using Stagecraft.Local.Targets;

namespace Stagecraft.Cli.Hosting;

/// <summary>Every kind, target and state backend this build of stagecraft knows.</summary>
internal static class StagecraftCatalog
{
    public static Catalog Create() => new Catalog()
        .AddLocalKinds()
        .AddAwsKinds()
        .Add(new LocalTarget())
        .Add(new AwsTarget())
        .Add(new SqliteStateBackend());
}
