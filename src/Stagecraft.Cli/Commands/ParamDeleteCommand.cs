namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft param delete NAME.</summary>
internal sealed class ParamDeleteCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var name = new Argument<string>("name") { Description = "The parameter to delete" };
        var command = new Command("delete", "Delete a parameter.");
        common.AddTo(command);
        command.Add(name);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
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
        return command;
    }
}
