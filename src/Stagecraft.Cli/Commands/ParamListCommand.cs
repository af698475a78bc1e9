namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft param list [PATH]: parameters under a path; secure values as ****.</summary>
internal sealed class ParamListCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var path = new Argument<string>("path") { Description = "Only parameters under this path (default: all)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "/" };
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("list", "List parameters under a path.");
        common.AddTo(command);
        command.Add(path);
        command.Add(json);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var store = TargetStores.Require<IParameterStore>(session, "parameter store");
            var parameters = await store.ListAsync(result.GetValue(path) ?? "/", ct).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, parameters.Select(p => ParameterJson.From(p, decrypt: false)).ToList());
                return ExitCodes.Success;
            }

            if (parameters.Count == 0)
            {
                cli.Out.WriteLine($"No parameters under {result.GetValue(path) ?? "/"} in environment {session.Environment.Name}.");
            }

            foreach (var parameter in parameters)
            {
                cli.Out.WriteLine(parameter.ToString());
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
