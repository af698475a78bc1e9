namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft param list [PATH]: parameters under a path; secure values as ****.</summary>
internal sealed class ParamListCommand
{
    public static Command Create(CliContext cli)
    {
        var path = new Argument<string>("path") { Description = "Only parameters under this path (default: all)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "/" };
        var json = ProjectVerb.Json();
        return ProjectVerb.Create(cli, "list", "List parameters under a path.", [path, json], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
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
    }
}
