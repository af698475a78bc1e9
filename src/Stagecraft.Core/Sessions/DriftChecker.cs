namespace Stagecraft.Core.Sessions;

/// <summary>
/// Asks each deployed, unchanged stage's kind whether what it made still matches state. Checks of
/// different stages are independent and run concurrently, a few at a time. Stages the plan already
/// changes are not checked: their next deploy rewrites them anyway.
/// </summary>
internal sealed class DriftChecker(EnvironmentSession session)
{
    /// <summary>How many checks run at once: they are API calls or local probes, and rate limits are shared.</summary>
    public const int Parallelism = 4;

    private readonly EnvironmentSession _session = session;

    public async Task<IReadOnlyList<StageDrift>> CheckAsync(Plan plan, StateSnapshot snapshot, CancellationToken cancellationToken)
    {
        var results = new StageDrift?[plan.Stages.Count];
        var work = new List<(int Index, IDriftCheck Check, StageContext Context)>();
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var planned = plan.Stages[i];
            if (planned.Record is not { EverDeployed: true })
            {
                continue;
            }

            if (Skip(planned) is { } why)
            {
                results[i] = new StageDrift(planned.Name, planned.Kind, new DriftResult.Unchecked(why));
                continue;
            }

            if (_session.Catalog.FindKind(planned.Kind) is not IDriftCheck check)
            {
                results[i] = new StageDrift(planned.Name, planned.Kind, new DriftResult.Unchecked($"kind '{planned.Kind}' has no drift check"));
                continue;
            }

            // Evaluated one at a time: parameter-store and secret lookups are cached per session.
            var evaluated = await _session.EvaluateAsync(planned.Definition!, snapshot, cancellationToken).ConfigureAwait(false);
            if (evaluated.IsPending || evaluated.Errors.Count > 0)
            {
                results[i] = new StageDrift(planned.Name, planned.Kind, new DriftResult.Unchecked("its settings do not resolve now: " + FirstError(evaluated)));
                continue;
            }

            work.Add((i, check, ProbeContext.Create(_session, planned, evaluated, NoInteraction.Instance)));
        }

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            var planned = plan.Stages[item.Index];
            results[item.Index] = new StageDrift(planned.Name, planned.Kind, await CheckOneAsync(item.Check, item.Context, ct).ConfigureAwait(false));
        }).ConfigureAwait(false);

        return results.OfType<StageDrift>().ToList();
    }

    private static string? Skip(PlannedStage planned) => planned.Action switch
    {
        StageAction.NoChange when planned.Record!.Status == StageStatus.Deployed && planned.Definition is not null => null,
        StageAction.Destroy => "no longer in the project file; a deploy destroys it",
        _ => $"out of date with the project file ({ActionText.Of(planned.Action)}: {string.Join("; ", planned.Reasons)}); a deploy rewrites it",
    };

    private async Task<DriftResult> CheckOneAsync(IDriftCheck check, StageContext context, CancellationToken cancellationToken)
    {
        try
        {
            return Masked(await check.CheckDriftAsync(context, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (StagecraftException ex)
        {
            return new DriftResult.CouldNotCheck(_session.Masker.Apply(ex.Message + (ex.Hint is null ? "" : $" ({ex.Hint})")));
        }
        catch (Exception ex)
        {
            return new DriftResult.CouldNotCheck($"unexpected {ex.GetType().Name}: {_session.Masker.Apply(ex.Message)}");
        }
    }

    // What a kind reports is printed and may be stored in history: no secret may ride along.
    private DriftResult Masked(DriftResult result)
    {
        var masker = _session.Masker;
        var notes = result.Notes.Select(masker.Apply).ToList();
        return result switch
        {
            DriftResult.Drifted d => d with { Differences = d.Differences.Select(masker.Apply).ToList(), Unrepairable = d.Unrepairable is null ? null : masker.Apply(d.Unrepairable), Notes = notes },
            DriftResult.Gone g => g with { What = masker.Apply(g.What), Notes = notes },
            DriftResult.Unchecked u => u with { Why = masker.Apply(u.Why), Notes = notes },
            DriftResult.CouldNotCheck c => c with { Error = masker.Apply(c.Error), Notes = notes },
            _ => result with { Notes = notes },
        };
    }

    private static string FirstError(EvaluatedStage evaluated) =>
        evaluated.Errors.Count > 0 ? evaluated.Errors[0].Message : "inputs still unknown: " + string.Join(", ", evaluated.Trace.PendingReferences);

    private sealed class NoInteraction : IInteraction
    {
        public static readonly NoInteraction Instance = new();

        public bool CanPrompt => false;

        public Task<bool> ConfirmAsync(string title, string body, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
