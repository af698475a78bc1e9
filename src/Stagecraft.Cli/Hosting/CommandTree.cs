using Stagecraft.Cli.Commands;

namespace Stagecraft.Cli.Hosting;

/// <summary>Wires every verb under the root command; each verb lives in its own class.</summary>
internal static class CommandTree
{
    public static RootCommand Build(CliContext cli) => new("Stagecraft deploys a system of stages, in dependency order, from one project file.")
    {
        InitCommand.Create(cli),
        ValidateCommand.Create(cli),
        PlanCommand.Create(cli),
        DriftCommand.Create(cli),
        DeployCommand.Create(cli),
        DestroyCommand.Create(cli),
        StatusCommand.Create(cli),
        OutputsCommand.Create(cli),
        HistoryCommand.Create(cli),
        ShowCommand.Create(cli),
        GraphCommand.Create(cli),
        ApproveCommand.Create(cli),
        UnlockCommand.Create(cli),
        ParamCommand.Create(cli),
        SecretCommand.Create(cli),
        StateCommand.Create(cli),
        RollbackCommand.Create(cli),
        RolloutCommand.Create(cli),
        AgentCommand.Create(cli),
        BootstrapCommand.Create(cli),
        ReportCommand.Create(cli),
        CiCommand.Create(cli),
    };
}
