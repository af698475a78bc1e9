namespace Stagecraft.Core.Planning;

/// <summary>Which stages a plan covers and which to redeploy regardless of fingerprints.</summary>
public sealed record PlanOptions
{
    public static PlanOptions All { get; } = new();

    /// <summary>Stages named on the command line; empty means every stage (and destroys of removed ones).</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    public IReadOnlyCollection<string> Force { get; init; } = [];

    public bool IncludeDependencies { get; init; }

    public bool IncludeDependents { get; init; }

    /// <summary>What drift checks found ('--refresh'): a drifted stage is planned as update, a gone one as create.</summary>
    public IReadOnlyDictionary<string, DriftResult> Drift { get; init; } = new Dictionary<string, DriftResult>();

    /// <summary>
    /// The plan is one a deploy will apply, so it must keep protected stages that left the file
    /// (see <see cref="ProtectedStages"/>); a plan only shown lists their destroy.
    /// </summary>
    public bool ForDeploy { get; init; }
}
