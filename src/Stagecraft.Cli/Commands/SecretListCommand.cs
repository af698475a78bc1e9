namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft secret list: names and who set them when; never values.</summary>
internal sealed class SecretListCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("list", "List the environment's secrets by name (values are never shown).");
        common.AddTo(command);
        command.Add(json);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
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
        return command;
    }
}
