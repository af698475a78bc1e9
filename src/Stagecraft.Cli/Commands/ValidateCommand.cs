using Stagecraft.Aws.CloudFormation;
using Stagecraft.Host.Processes;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft validate: parse, check references, kinds and cycles; touch nothing.</summary>
internal sealed class ValidateCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var noLint = new Option<bool>("--no-lint") { Description = "Do not lint CloudFormation templates with cfn-lint" };
        var command = new Command("validate", "Check the project file: syntax, keys, references, kinds, cycles, and CloudFormation templates with cfn-lint. Changes nothing.");
        common.AddTo(command);
        command.Add(noLint);
        command.SetAction((result, ct) => RunAsync(cli, common.Read(result), !result.GetValue(noLint), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, CommonSettings settings, bool lint, CancellationToken cancellationToken)
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

        if (lint)
        {
            // Only 'validate' lints: plan and deploy never start cfn-lint.
            var report = await TemplateLint.RunAsync(project, ProcessRunner.Default, cli.Environment("PATH"), cancellationToken).ConfigureAwait(false);
            foreach (var line in report.Warnings.Prepend(report.Notice).OfType<string>())
            {
                cli.Error.WriteLine(line);
            }

            problems.AddRange(report.Errors);
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        cli.Out.WriteLine($"{settings.File} is valid: {project.Stages.Count} stage(s), {project.Environments.Count} environment(s) ({string.Join(", ", project.Environments.Select(e => $"{e.Name} on {e.Target}"))}).");
        return ExitCodes.Success;
    }
}
