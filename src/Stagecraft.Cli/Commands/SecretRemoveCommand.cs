namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft secret remove NAME.</summary>
internal sealed class SecretRemoveCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var name = new Argument<string>("name") { Description = "The secret to remove" };
        var command = new Command("remove", "Remove a secret from the environment.");
        common.AddTo(command);
        command.Add(name);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var store = TargetStores.Require<ISecretStore>(session, "secret store");
            var secretName = result.GetValue(name)!;
            if (!await store.RemoveAsync(secretName, ct).ConfigureAwait(false))
            {
                var known = (await store.ListAsync(ct).ConfigureAwait(false)).Select(s => s.Name).ToList();
                throw new InvalidInputException($"secret '{secretName}' is not set in environment {session.Environment.Name}; nothing was removed",
                    DidYouMean.Hint(secretName, known, "secrets"));
            }

            cli.Out.WriteLine($"Removed secret {secretName} from environment {session.Environment.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
