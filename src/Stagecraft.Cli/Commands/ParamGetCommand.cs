namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft param get NAME: prints the value (secure values as **** unless --decrypt).</summary>
internal sealed class ParamGetCommand
{
    public static Command Create(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "The parameter, e.g. /myapp/dev/common/db_host" };
        var json = ProjectVerb.Json();
        var decrypt = new Option<bool>("--decrypt") { Description = "Show a secure value instead of ****" };
        return ProjectVerb.Create(cli, "get", "Print a parameter's value.", [name, json, decrypt], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
            var store = TargetStores.Require<IParameterStore>(session, "parameter store");
            var parameterName = result.GetValue(name)!;
            var parameter = await store.GetAsync(parameterName, ct).ConfigureAwait(false)
                ?? throw new InvalidInputException($"parameter '{parameterName}' does not exist in environment {session.Environment.Name}",
                    $"see what exists with: stagecraft param list -e {session.Environment.Name}");
            var show = result.GetValue(decrypt);
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, ParameterJson.From(parameter, show));
            }
            else
            {
                cli.Out.WriteLine(show ? parameter.Value : parameter.Display);
            }

            return ExitCodes.Success;
        });
    }
}
