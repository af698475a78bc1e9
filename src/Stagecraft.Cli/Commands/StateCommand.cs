namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft state pull|push|history|restore: move state between backends, list and restore its versions.</summary>
internal sealed class StateCommand
{
    public static Command Create(CliContext cli) => new("state", "Move an environment's state between backends, and list or restore its earlier versions.")
    {
        StatePullCommand.Create(cli),
        StatePushCommand.Create(cli),
        StateHistoryCommand.Create(cli),
        StateRestoreCommand.Create(cli),
    };
}
