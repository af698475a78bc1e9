namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft secret set|list|remove: the environment's encrypted secrets, answering ${secret:NAME}.</summary>
internal sealed class SecretCommand
{
    public static Command Create(CliContext cli) => new("secret", "Manage the environment's secrets (values are read from stdin or a hidden prompt, never shown).")
    {
        SecretSetCommand.Create(cli),
        SecretListCommand.Create(cli),
        SecretRemoveCommand.Create(cli),
    };
}
