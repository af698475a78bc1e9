using Stagecraft.Core.State.Portable;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft state pull --to FILE: the environment's whole state as a portable JSON file.</summary>
internal sealed class StatePullCommand
{
    public static Command Create(CliContext cli)
    {
        var to = new Option<string>("--to") { Description = "The file to write ('-' for standard output); it is readable by you only", Required = true };
        return ProjectVerb.Create(cli, "pull", "Write the environment's state (stages, runs, approvals, stage data) to a portable JSON file.", [to], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
            var document = await StateCapabilities.Transfer(session).ExportAsync(ct).ConfigureAwait(false) with
            {
                Project = session.Project.Name,
                Environment = session.Environment.Name,
            };
            var json = StateDocumentJson.Serialize(document, session.Options.Protector?.Invoke(session.Project, session.Environment));
            var path = result.GetValue(to)!;
            if (path == "-")
            {
                cli.Out.WriteLine(System.Text.Encoding.UTF8.GetString(json));
                return ExitCodes.Success;
            }

            await PrivateFile.WriteAsync(path, json, ct).ConfigureAwait(false);
            cli.Out.WriteLine($"Wrote the state of {session.Environment.Name} ({session.State.Description}) to {path}: "
                + $"{document.Stages.Count} stage(s), {document.Runs.Count} run(s), {document.Approvals.Count} approval(s).");
            return ExitCodes.Success;
        });
    }
}
