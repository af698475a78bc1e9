namespace Stagecraft.Cli.Commands;

/// <summary>'--refresh' on plan and deploy: check unchanged stages for drift before planning (also 'refresh: true' on the environment).</summary>
internal sealed class RefreshOption
{
    public Option<bool> Refresh { get; } = new("--refresh")
    {
        Description = "Check deployed stages for drift first; drifted ones are redeployed (also 'refresh: true' on the environment)",
    };

    public void AddTo(Command command) => command.Add(Refresh);

    /// <summary>The plan, refreshed when asked; Drift is null when no refresh ran (the default plan stays offline).</summary>
    public async Task<(Plan Plan, StateSnapshot Snapshot, IReadOnlyList<StageDrift>? Drift)> PlanAsync(ParseResult result, EnvironmentSession session, PlanOptions options, CancellationToken cancellationToken)
    {
        if (!result.GetValue(Refresh) && !session.Environment.Refresh)
        {
            var (plan, snapshot) = await session.PlanAsync(options, cancellationToken).ConfigureAwait(false);
            return (plan, snapshot, null);
        }

        return await session.PlanWithRefreshAsync(options, cancellationToken).ConfigureAwait(false);
    }
}
