using Stagecraft.Core.Kinds;
using Stagecraft.Local.Kinds.Command;
using Stagecraft.Local.Kinds.Manual;
using Stagecraft.Local.Kinds.Migrations;
using Stagecraft.Local.Kinds.Parameters;
using Stagecraft.Local.Kinds.Service;

namespace Stagecraft.Local;

/// <summary>Registers the kinds that run on this machine; the CLI calls this once.</summary>
public static class LocalKinds
{
    public static Catalog AddLocalKinds(this Catalog catalog) =>
        catalog
            .Add(new CommandKind())
            .Add(new ManualKind())
            .Add(new ParametersKind())
            .Add(new MigrationsKind())
            .Add(new ServiceKind());
}
