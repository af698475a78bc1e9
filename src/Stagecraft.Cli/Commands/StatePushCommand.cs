using Stagecraft.Core.State.Portable;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft state push --from FILE: replaces the environment's state with a pulled file, under the lock.</summary>
internal sealed class StatePushCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var from = new Option<string>("--from") { Description = "A file written by 'stagecraft state pull'", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace state the environment already has, or state pulled from another project or environment" };
        var command = new Command("push", "Replace the environment's state with a file written by 'state pull' (e.g. to move from sqlite to s3).");
        common.AddTo(command);
        command.Add(from);
        command.Add(force);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            var path = result.GetValue(from)!;
            if (!File.Exists(path))
            {
                throw new InvalidInputException($"no file {path}", "write one with: stagecraft state pull -e ENV --to FILE");
            }

            await using var session = await ProjectAccess.OpenAsync(cli, settings, ct).ConfigureAwait(false);
            var transfer = StateCapabilities.Transfer(session);
            var document = StateDocumentJson.Deserialize(await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false),
                session.Options.Protector?.Invoke(session.Project, session.Environment), path);
            var environment = session.Environment.Name;
            var overwrite = result.GetValue(force);
            if (!overwrite && document.Project is { } project && (project != session.Project.Name || document.Environment != environment))
            {
                throw new InvalidInputException($"{path} holds the state of {project}/{document.Environment}, not of {session.Project.Name}/{environment}",
                    "pass --force if that is really what you mean");
            }

            await using var runLock = await RunLock.AcquireAsync(session.State, cli.Host, environment, "state push", cli.Time, ct).ConfigureAwait(false);
            var existing = await transfer.ExportAsync(ct).ConfigureAwait(false);
            if (!existing.IsEmpty && !overwrite)
            {
                throw new InvalidInputException(
                    $"environment '{environment}' already has state in {session.State.Description} ({existing.Stages.Count} stage(s), {existing.Runs.Count} run(s))",
                    "pass --force to replace it (pull it to a file first if you may want it back)");
            }

            await transfer.ImportAsync(document, ct).ConfigureAwait(false);
            cli.Out.WriteLine($"Pushed {path} into {environment} ({session.State.Description}): "
                + $"{document.Stages.Count} stage(s), {document.Runs.Count} run(s), {document.Approvals.Count} approval(s).");
            return ExitCodes.Success;
        });
        return command;
    }
}
