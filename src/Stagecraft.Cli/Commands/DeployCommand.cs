namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft deploy: plan, then apply in dependency order.</summary>
internal sealed class DeployCommand
{
    public static Command Create(CliContext cli)
    {
        var common = new CommonOptions();
        var selection = new SelectionOptions();
        var refresh = new RefreshOption();
        var parallelism = new Option<int>("--parallelism") { Description = "How many stages may run at once", DefaultValueFactory = _ => 4 };
        var keepGoing = new Option<bool>("--keep-going") { Description = "After a failure, keep deploying branches that do not depend on it" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation on a terminal" };
        var reportFile = new Option<string?>("--report") { Description = "At the end, write the run's HTML report to this file (see 'stagecraft report')" };
        parallelism.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--parallelism must be at least 1");
            }
        });
        var command = new Command("deploy", "Plan, then deploy what changed, in dependency order.");
        common.AddTo(command);
        selection.AddTo(command);
        command.Add(parallelism);
        command.Add(keepGoing);
        command.Add(yes);
        refresh.AddTo(command);
        command.Add(reportFile);
        command.SetAction(async (result, ct) =>
        {
            await using var run = await LockedRun.OpenAsync(cli, common.Read(result), "deploy", ct).ConfigureAwait(false);
            var (mode, console, session) = (run.Mode, run.Console, run.Session);
            var planOptions = selection.Read(result) with { ForDeploy = true };
            var (plan, snapshot, drift) = await refresh.PlanAsync(result, session, planOptions, ct).ConfigureAwait(false);

            PlanRenderer.Render(console, plan, session.State.Description);
            if (drift is not null)
            {
                DriftRenderer.RenderRefresh(cli.Out, drift);
            }

            var options = new EngineOptions
            {
                Parallelism = result.GetValue(parallelism),
                KeepGoing = result.GetValue(keepGoing),
                Force = planOptions.Force,
                Arguments = cli.CommandLine,
            };
            var before = (await session.State.ListRunsAsync(1, ct).ConfigureAwait(false)).FirstOrDefault()?.Id;
            var exit = await PlanExecution.RunAsync(cli, session, mode, "deploy", plan, snapshot, options, result.GetValue(yes), ct).ConfigureAwait(false);
            if (result.GetValue(reportFile) is { } path && (await session.State.ListRunsAsync(1, CancellationToken.None).ConfigureAwait(false)).FirstOrDefault()?.Id is { } runId && runId != before)
            {
                console.MarkupLine($"report: {Markup.Escape(await ReportCommand.WriteAsync(cli, session, runId, path, CancellationToken.None).ConfigureAwait(false))}");
            }

            return exit;
        });
        return command;
    }
}
