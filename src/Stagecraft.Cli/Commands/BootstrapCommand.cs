using Stagecraft.Aws.Targets;

namespace Stagecraft.Cli.Commands;

/// <summary>
/// stagecraft bootstrap: prepares an environment's s3 state backend and its AWS account, in the
/// environment's region and every region its stages use, with 'cdk bootstrap' where cdk stages deploy (idempotent).
/// </summary>
internal sealed class BootstrapCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var noCdk = new Option<bool>("--no-cdk")
        {
            Description = "Do not run 'cdk bootstrap' for the regions the cdk stages deploy to (run it yourself)",
        };
        var command = new Command("bootstrap", "Prepare an environment: its s3 state's bucket and lock table, an AWS environment's deployment bucket in each region its stages use, and 'cdk bootstrap' where cdk stages deploy. Safe to run again.");
        common.AddTo(command);
        command.Add(noCdk);
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
            IReadOnlyList<Aws.Bootstrap.BootstrapItem> items;
            try
            {
                items = await aws.BootstrapAsync(project, environment, cli.Time, cli.Host.GetEnvironmentVariable, !result.GetValue(noCdk), ct).ConfigureAwait(false);
            }
            catch (StageFailedException failed) when (failed.Details.Count > 0)
            {
                // cdk bootstrap's last lines: no stage log holds them.
                failed.Details.ToList().ForEach(line => cli.Error.WriteLine("  | " + line));
                throw;
            }

            foreach (var item in items)
            {
                if (item.Ran is not null)
                {
                    cli.Out.WriteLine($"  $ {item.Ran}");
                }

                cli.Out.WriteLine($"  {item.Word,-8} {item.What,-18} {item.Name}");
            }

            cli.Out.WriteLine(items.Any(i => i.Ran is not null)
                ? "Done: buckets versioned, encrypted and private; lock table on-demand; CDK bootstrapped where cdk stages deploy."
                : "Done: buckets versioned, encrypted and private; lock table on-demand.");
            return ExitCodes.Success;
        });
        return command;
    }
}
