namespace Stagecraft.Core.Sessions;

/// <summary>
/// 'plan --remote': for each stage the plan would create or update and whose kind can tell,
/// asks the remote side what would change. Pending stages are skipped: their inputs are not known yet.
/// </summary>
internal sealed class RemoteChangeCollector(EnvironmentSession session)
{
    public async Task<IReadOnlyList<StageRemoteChanges>> CollectAsync(Plan plan, StateSnapshot snapshot, IInteraction interaction, CancellationToken cancellationToken)
    {
        var results = new List<StageRemoteChanges>();
        foreach (var planned in plan.Stages.Where(s => s.Action is StageAction.Create or StageAction.Update && s.Definition is not null))
        {
            var kind = session.Catalog.FindKind(planned.Kind);
            if (kind is null)
            {
                continue;
            }

            var evaluated = await session.EvaluateAsync(planned.Definition!, snapshot, cancellationToken).ConfigureAwait(false);
            if (evaluated.IsPending || evaluated.Errors.Count > 0)
            {
                continue;
            }

            var context = ProbeContext.Create(session, planned, evaluated, interaction);
            Directory.CreateDirectory(context.StageDirectory);
            var changes = await kind.DescribeRemoteChangesAsync(context, cancellationToken).ConfigureAwait(false);
            if (changes is not null)
            {
                results.Add(new StageRemoteChanges(planned.Name, changes));
            }
        }

        return results;
    }
}
