namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft secret set NAME: stores a value read from stdin or a hidden prompt, encrypted with the environment key.</summary>
internal sealed class SecretSetCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var name = new Argument<string>("name") { Description = "The secret's name, as used in ${secret:NAME}" };
        // Extra words are refused by the action, not the parser: its error would repeat them, and they may be the value.
        var command = new Command("set", "Set a secret; the value comes from stdin, or a hidden prompt on a terminal.") { TreatUnmatchedTokensAsErrors = false };
        common.AddTo(command);
        command.Add(name);
        command.SetAction(async (result, ct) =>
        {
            SecretInput.RefuseArguments(result.UnmatchedTokens, "secret set NAME -e ENV");
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var store = TargetStores.Require<ISecretStore>(session, "secret store");
            var secretName = result.GetValue(name)!;
            var value = await SecretInput.ReadAsync(cli, cli.Mode(settings.NoColor), $"secret {secretName}", ct).ConfigureAwait(false);
            var notice = await store.SetAsync(secretName, value, ct).ConfigureAwait(false);
            if (notice is not null)
            {
                cli.Error.WriteLine("notice: " + notice);
            }

            cli.Out.WriteLine($"Secret {secretName} set for environment {session.Environment.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
