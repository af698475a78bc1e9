namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft param delete NAME.</summary>
internal sealed class ParamDeleteCommand
{
    public static Command Create(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "The parameter to delete" };
        return ProjectVerb.Create(cli, "delete", "Delete a parameter.", [name], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
            var store = TargetStores.Require<IParameterStore>(session, "parameter store");
            var parameterName = result.GetValue(name)!;
            if (!await store.DeleteAsync(parameterName, ct).ConfigureAwait(false))
            {
                throw new InvalidInputException($"parameter '{parameterName}' does not exist in environment {session.Environment.Name}; nothing was deleted",
                    $"see what exists with: stagecraft param list -e {session.Environment.Name}");
            }

            cli.Out.WriteLine($"Deleted {parameterName} from environment {session.Environment.Name}.");
            return ExitCodes.Success;
        });
    }
}
