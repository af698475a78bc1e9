namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft secret list: names and who set them when; never values.</summary>
internal sealed class SecretListCommand
{
    public static Command Create(CliContext cli)
    {
        var json = ProjectVerb.Json();
        return ProjectVerb.Create(cli, "list", "List the environment's secrets by name (values are never shown).", [json], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
            var secrets = await TargetStores.Require<ISecretStore>(session, "secret store").ListAsync(ct).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, secrets);
                return ExitCodes.Success;
            }

            if (secrets.Count == 0)
            {
                cli.Out.WriteLine($"No secrets in environment {session.Environment.Name}.");
                return ExitCodes.Success;
            }

            var width = secrets.Max(s => s.Name.Length);
            foreach (var secret in secrets)
            {
                cli.Out.WriteLine($"{secret.Name.PadRight(width)}  set {secret.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC by {secret.UpdatedBy}");
            }

            return ExitCodes.Success;
        });
    }
}
