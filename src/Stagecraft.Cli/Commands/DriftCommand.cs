namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft drift: does what each deployed stage made still match what state recorded? Changes nothing.</summary>
internal sealed class DriftCommand
{
    public static Command Create(CliContext cli)
    {
        var json = new Option<bool>("--json") { Description = "Print the checks as JSON" };
        return ProjectVerb.Create(cli, "drift", "Check whether what each deployed stage made still matches state. Exit 0: in sync, 10: drifted, 1: a check could not run.", [json], async (call, ct) =>
        {
            var (result, session) = (call.Result, call.Session);
            var (plan, snapshot) = await session.PlanAsync(PlanOptions.All, ct).ConfigureAwait(false);
            var drift = await session.CheckDriftAsync(plan, snapshot, ct).ConfigureAwait(false);
            if (result.GetValue(json))
            {
                Json.Write(cli.Out, new
                {
                    Project = session.Project.Name,
                    Environment = session.Environment.Name,
                    Summary = DriftRenderer.Summary(drift),
                    Stages = DriftRenderer.ToJson(drift),
                });
            }
            else
            {
                DriftRenderer.Render(cli.Out, session.Project.Name, session.Environment.Name, drift);
            }

            return DriftRenderer.ExitCode(drift);
        });
    }
}
