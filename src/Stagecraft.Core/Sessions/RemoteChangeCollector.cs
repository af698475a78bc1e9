using Stagecraft.Core.Kinds;
using Stagecraft.Core.Planning;
using Stagecraft.Core.State;

namespace Stagecraft.Core.Sessions;

/// <summary>
/// 'plan --remote': for each stage the plan would create or update and whose kind can tell,
/// asks the remote side what would change. Pending stages are skipped: their inputs are not known yet.
/// </summary>
internal sealed class RemoteChangeCollector
{
    private readonly EnvironmentSession _session;

    public RemoteChangeCollector(EnvironmentSession session)
    {
        _session = session;
    }

    public async Task<IReadOnlyList<StageRemoteChanges>> CollectAsync(Plan plan, StateSnapshot snapshot, IInteraction interaction, CancellationToken cancellationToken)
    {
        var results = new List<StageRemoteChanges>();
        foreach (var planned in plan.Stages.Where(s => s.Action is StageAction.Create or StageAction.Update && s.Definition is not null))
        {
            var kind = _session.Catalog.FindKind(planned.Kind);
            if (kind is null)
            {
                continue;
            }

            var evaluated = await _session.EvaluateAsync(planned.Definition!, snapshot, cancellationToken).ConfigureAwait(false);
            if (evaluated.IsPending || evaluated.Errors.Count > 0)
            {
                continue;
            }

            var log = new CollectingStageLog();
            var context = new StageContext
            {
                Project = _session.Project.Name,
                Environment = _session.Environment,
                Stage = planned.Name,
                RunId = 0,
                ProjectDirectory = _session.Project.Directory,
                StageDirectory = _session.Directories.StageDirectory(planned.Name),
                Settings = evaluated.Settings,
                Previous = planned.Record,
                Fingerprint = evaluated.Fingerprint.Value,
                Log = log,
                Interaction = interaction,
                State = _session.State,
                Masker = _session.Masker,
                Time = _session.Time,
                Services = _session.Target.Services,
                AllowAbsolutePaths = _session.Project.AllowAbsolutePaths,
            };
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
