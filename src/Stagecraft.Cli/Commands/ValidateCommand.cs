using System.CommandLine;
using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Config;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Sessions;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft validate: parse, check references, kinds and cycles; touch nothing.</summary>
internal sealed class ValidateCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var command = new Command("validate", "Check the project file: syntax, keys, references, kinds, cycles. Changes nothing.");
        common.AddTo(command);
        command.SetAction((result, _) => Task.FromResult(Run(cli, common.Read(result))));
        return command;
    }

    private static int Run(CliContext cli, CommonSettings settings)
    {
        var catalog = cli.CatalogFactory();
        var project = ProjectLoader.Load(settings.File, catalog);
        var environments = settings.Environment is null ? project.Environments : [EnvironmentSelector.Select(project, settings.Environment)];
        var problems = new List<Diagnostic>();
        foreach (var environment in environments)
        {
            try
            {
                EnvironmentSelector.CheckKinds(project, environment, catalog);
            }
            catch (InvalidInputException ex)
            {
                problems.AddRange(ex.Diagnostics);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        cli.Out.WriteLine($"{settings.File} is valid: {project.Stages.Count} stage(s), {project.Environments.Count} environment(s) ({string.Join(", ", project.Environments.Select(e => $"{e.Name} on {e.Target}"))}).");
        return ExitCodes.Success;
    }
}
