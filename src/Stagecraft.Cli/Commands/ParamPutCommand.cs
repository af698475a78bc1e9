namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft param put NAME VALUE, or NAME --secure with the value from stdin or a hidden prompt.</summary>
internal sealed class ParamPutCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var name = new Argument<string>("name") { Description = "The parameter, e.g. /myapp/dev/common/db_host" };
        var value = new Argument<string?>("value") { Description = "The value (not with --secure)", Arity = ArgumentArity.ZeroOrOne };
        var secure = new Option<bool>("--secure") { Description = "Store encrypted; the value is read from stdin or a hidden prompt, never from the command line" };
        var command = new Command("put", "Create or overwrite a parameter.") { TreatUnmatchedTokensAsErrors = false };
        common.AddTo(command);
        command.Add(name);
        command.Add(value);
        command.Add(secure);
        command.SetAction(async (result, ct) =>
        {
            var isSecure = result.GetValue(secure);
            if (isSecure)
            {
                SecretInput.RefuseArguments([.. result.UnmatchedTokens, .. result.GetValue(value) is { } given ? [given] : Array.Empty<string>()], "param put NAME --secure -e ENV");
            }
            else if (result.UnmatchedTokens.Count > 0)
            {
                throw new InvalidInputException($"unexpected argument(s): {string.Join(" ", result.UnmatchedTokens)}", "quote a value with spaces: stagecraft param put NAME \"a value\"");
            }

            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var store = TargetStores.Require<IParameterStore>(session, "parameter store");
            var parameterName = result.GetValue(name)!;
            var text = isSecure
                ? await SecretInput.ReadAsync(cli, cli.Mode(settings.NoColor), $"parameter {parameterName}", ct).ConfigureAwait(false)
                : result.GetValue(value) ?? throw new InvalidInputException("a value is required", "stagecraft param put NAME VALUE, or --secure to type it hidden");
            if (await store.PutAsync(parameterName, text, isSecure, ct).ConfigureAwait(false) is { } notice)
            {
                cli.Error.WriteLine("notice: " + notice);
            }

            cli.Out.WriteLine($"Put {parameterName}{(isSecure ? " (secure)" : "")} in environment {session.Environment.Name}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
