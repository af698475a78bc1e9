using System.CommandLine;
using Stagecraft.Aws.Targets;
using Stagecraft.Cli.Hosting;
using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.Kinds;
using Stagecraft.Core.Sessions;

namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft bootstrap: prepares an environment's s3 state backend and AWS account and region (idempotent).</summary>
internal sealed class BootstrapCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var command = new Command("bootstrap", "Prepare an environment: its s3 state's bucket and lock table, and an AWS environment's deployment bucket. Safe to run again.");
        common.AddTo(command);
        command.SetAction(async (result, ct) =>
        {
            var settings = common.Read(result);
            var catalog = cli.CatalogFactory();
            var project = Core.Config.ProjectLoader.Load(settings.File, catalog);
            var environment = EnvironmentSelector.Select(project, settings.Environment);
            var prepares = environment.Target == TargetKind.Aws || environment.State.Backend == "s3";
            if (!prepares || catalog.FindTarget(TargetKind.Aws) is not AwsTarget aws)
            {
                throw new InvalidInputException($"environment '{environment.Name}' has target '{environment.Target}' and its state in '{environment.State.Backend}'; bootstrap prepares AWS environments and s3 state backends only",
                    "choose an environment with target: aws or state: { backend: s3, … } (-e ENV)");
            }

            cli.Out.WriteLine(environment.Target == TargetKind.Aws
                ? $"Bootstrapping {project.Name}/{environment.Name} in {environment.TargetSetting("region")}…"
                : $"Bootstrapping the s3 state of {project.Name}/{environment.Name}…");
            foreach (var item in await aws.BootstrapAsync(environment, cli.Time, cli.Host.GetEnvironmentVariable, ct).ConfigureAwait(false))
            {
                cli.Out.WriteLine($"  {(item.Created ? "created" : "exists "),-8} {item.What,-18} {item.Name}");
            }

            cli.Out.WriteLine("Done: buckets versioned, encrypted and private; lock table on-demand.");
            return ExitCodes.Success;
        });
        return command;
    }
}
