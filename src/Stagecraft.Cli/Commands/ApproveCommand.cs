namespace Stagecraft.Cli.Commands;

/// <summary>stagecraft approve STAGE: records who let a waiting manual stage go on, when, and why.</summary>
internal sealed class ApproveCommand
{
    public static Command Create(CliContext cli)
    {
        var stage = new Argument<string>("stage") { Description = "The manual stage to approve" };
        var note = new Option<string?>("--note", "-m") { Description = "Why, or what was done (kept in history)" };
        return ProjectVerb.Create(cli, "approve", "Mark a waiting manual stage as done; the next deploy continues past it.", [stage, note], async (call, ct) =>
        {
            var (result, settings, session) = (call.Result, call.Settings, call.Session);
            var name = result.GetValue(stage)!;
            var definition = session.Project.FindStage(name)
                ?? throw new InvalidInputException($"unknown stage '{name}'", DidYouMean.Hint(name, session.Project.Stages.Select(s => s.Name).ToList(), "stages"));
            if (!session.Catalog.Has(definition.Kind, KindCapabilities.ApprovalGate))
            {
                throw new InvalidInputException($"stage '{name}' is a {definition.Kind} stage; only manual stages are approved", "approve the manual stage that is waiting (see 'stagecraft status')");
            }

            await using var runLock = await RunLock.AcquireAsync(session.State, cli.Host, session.Environment.Name, "approve " + name, cli.Time, ct).ConfigureAwait(false);
            var snapshot = await session.State.LoadAsync(ct).ConfigureAwait(false);
            var evaluated = await session.EvaluateAsync(definition, snapshot, ct).ConfigureAwait(false);
            if (evaluated.Errors.Count > 0)
            {
                // An approval is bound to a fingerprint; one taken over unresolved settings would approve something else.
                throw new InvalidInputException(evaluated.Errors);
            }

            if (evaluated.IsPending)
            {
                throw new InvalidInputException($"cannot approve '{name}' yet: its instructions depend on {string.Join(", ", evaluated.Trace.PendingStages)}, which {(evaluated.Trace.PendingStages.Count == 1 ? "has" : "have")} not deployed",
                    "deploy first; the run stops at this stage and tells you what to do");
            }

            var record = snapshot.Find(name);
            if (record is { Status: StageStatus.Deployed } && record.Fingerprint == evaluated.Fingerprint.Value)
            {
                cli.Out.WriteLine($"Stage {name} is already approved and done; nothing to approve.");
                return ExitCodes.Success;
            }

            var approval = new Approval(name, evaluated.Fingerprint.Value, $"{cli.Host.UserName}@{cli.Host.HostName}", cli.Time.GetUtcNow(), result.GetValue(note));
            await session.State.RecordApprovalAsync(approval, ct).ConfigureAwait(false);
            cli.Out.WriteLine($"Approved {name} as {approval.ApprovedBy} at {approval.ApprovedAt:u}. Run 'stagecraft deploy -e {session.Environment.Name}' to continue.");
            return ExitCodes.Success;
        });
    }
}
