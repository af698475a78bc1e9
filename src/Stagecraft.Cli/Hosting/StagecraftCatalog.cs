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
    public static Catalog Create() => Create(new AwsTarget());

    /// <summary>The same catalog with an AWS target of the caller's (tests give one wired to doubles).</summary>
    public static Catalog Create(AwsTarget aws) => new Catalog()
        .AddLocalKinds()
        .AddAwsKinds()
        .Add(new LocalTarget())
        .Add(aws)
        .Add(new SqliteStateBackend());
}
