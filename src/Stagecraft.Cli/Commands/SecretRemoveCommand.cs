namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft secret remove NAME.</summary>
internal sealed class SecretRemoveCommand
{
    public static Command Create(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "The secret to remove" };
        return ProjectVerb.Create(cli, "remove", "Remove a secret from the environment.", [name], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
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
    }
}
