using Stagecraft.Local.Kinds.Service.Rollback;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// stagecraft rollback STAGE: puts a kept release of a service back live (see <see cref="ServiceRollback"/>)
/// and shows how it went.
/// </summary>
internal sealed class RollbackCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var stage = new Argument<string>("stage") { Description = "The service stage" };
        var to = new Option<string?>("--to") { Description = "The kept release to put back (default: the one before the live one)" };
        var command = new Command("rollback", "Put the previous (or a named) release of a service stage back live.");
        common.AddTo(command);
        command.Add(stage);
        command.Add(to);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            var name = result.GetValue(stage)!;
            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            await using var progress = new RollbackProgress(cli, session);
            var ended = await new ServiceRollback(session, cli.Host).RunAsync(name, result.GetValue(to), cli.CommandLine, progress, ct).ConfigureAwait(false);
            if (ended is { Status: RunStatus.Succeeded, Outcome: { } outcome })
            {
                cli.Out.WriteLine($"{name}: {outcome.Release} is live again at {outcome.Url} (revision {outcome.Revision})");
            }
            else
            {
                ErrorRenderer.RenderFailure(cli.Error, $"rollback of {name} failed: {ended.Error}", ended.Details, ended.Hint);
            }

            return ended.ExitCode;
        });
        return command;
    }
}
