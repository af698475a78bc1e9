using Stagecraft.Local.Agent;
using Stagecraft.Local.Kinds.Command;
using Stagecraft.Local.Kinds.Manual;
using Stagecraft.Local.Kinds.Migrations;
using Stagecraft.Local.Kinds.Parameters;
using Stagecraft.Local.Kinds.Service;

namespace Stagecraft.Local;

/// <summary>Registers the kinds that run on this machine; the CLI calls this once.</summary>
public static class LocalKinds
{
    /// <param name="agent">What this build's agent can do (its ACME client); none when not given.</param>
    public static Catalog AddLocalKinds(this Catalog catalog, AgentServices? agent = null) =>
        catalog
            .Add(new CommandKind())
            .Add(new ManualKind())
            .Add(new ParametersKind())
            .Add(new MigrationsKind())
            .Add(new ServiceKind(agent));
}
