using System.CommandLine;
using Stagecraft.Aws.Targets;
using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Sessions;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft bootstrap: prepares an environment's AWS account and region (idempotent).</summary>
internal sealed class BootstrapCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var command = new Command("bootstrap", "Prepare an AWS environment: state bucket, lock table, deployment bucket. Safe to run again.");
        common.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            var catalog = cli.CatalogFactory();
            var project = Core.Config.ProjectLoader.Load(settings.File, catalog);
            var environment = EnvironmentSelector.Select(project, settings.Environment);
            if (environment.Target != TargetKind.Aws || catalog.FindTarget(TargetKind.Aws) is not AwsTarget aws)
            {
                throw new InvalidInputException($"environment '{environment.Name}' has target '{environment.Target}'; bootstrap prepares AWS environments only",
                    "choose an environment with target: aws (-e ENV)");
            }

            cli.Out.WriteLine($"Bootstrapping {project.Name}/{environment.Name} in {environment.TargetSetting("region")}…");
            foreach (var item in await aws.BootstrapAsync(environment, cli.Time, ct).ConfigureAwait(false))
            {
                cli.Out.WriteLine($"  {(item.Created ? "created" : "exists "),-8} {item.What,-18} {item.Name}");
            }

            cli.Out.WriteLine("Done: state bucket versioned, encrypted and private; lock table on-demand.");
            return ExitCodes.Success;
        });
        return command;
    }
}
