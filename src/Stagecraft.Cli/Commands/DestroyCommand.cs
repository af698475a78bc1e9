namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft destroy: tear down in reverse dependency order; protected stages need --force.</summary>
internal sealed class DestroyCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var stages = new Argument<string[]>("stages") { Description = "Only these stages and what consumes them (default: everything deployed)", Arity = ArgumentArity.ZeroOrMore };
        var force = new Option<bool>("--force") { Description = "Also destroy stages marked protect: true" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (required when not on a terminal)" };
        var parallelism = new Option<int>("--parallelism") { Description = "How many stages may be destroyed at once", DefaultValueFactory = _ => 4 };
        var command = new Command("destroy", "Destroy deployed stages, consumers first.");
        common.AddTo(command);
        command.Add(stages);
        command.Add(force);
        command.Add(yes);
        command.Add(parallelism);
        command.SetAction(async (result, ct) =>
        {
            await using var run = await LockedRun.OpenAsync(cli, common.Read(result), "destroy", ct).ConfigureAwait(false);
            var (mode, console, session) = (run.Mode, run.Console, run.Session);
            var snapshot = await session.State.LoadAsync(ct).ConfigureAwait(false);
            var plan = DestroyPlanner.Plan(session.Project, session.Environment.Name, session.Graph, snapshot, result.GetValue(stages) ?? [], result.GetValue(force));
            if (plan.Stages.Count == 0)
            {
                console.MarkupLine($"Nothing to destroy: no stage is deployed in environment {session.Environment.Name}.");
                return ExitCodes.Success;
            }

            if (!mode.CanPrompt && !result.GetValue(yes))
            {
                throw new InvalidInputException("destroy needs --yes when it cannot ask for confirmation (not a terminal)", "review 'stagecraft destroy' on a terminal, or pass --yes in automation");
            }

            PlanRenderer.Render(console, plan, session.State.Description);
            var options = new EngineOptions { Parallelism = Math.Max(1, result.GetValue(parallelism)), Arguments = cli.CommandLine };
            return await PlanExecution.RunAsync(cli, session, mode, "destroy", plan, snapshot, options, result.GetValue(yes), ct).ConfigureAwait(false);
        });
        return command;
    }
}
