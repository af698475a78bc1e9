namespace Stagecraft.Host.Processes;

/// <summary>
/// The environment variable every process a stage starts carries, and all its descendants inherit:
/// which CLI (pid and start time) started it, for which run and stage. It lets the run that takes over a
/// crashed run's lock find that run's processes even where the ledger could not record them (a kill
/// between a child's start and its ledger entry), and a recycled pid never carries it.
/// </summary>
internal static class StageProcessTag
{
    public const string Variable = "STAGECRAFT_RUN_OWNER";

    /// <summary>The holder part: "PID.START".</summary>
    public static string Owner(int holderPid, long? holderStart) =>
        string.Create(CultureInfo.InvariantCulture, $"{holderPid}.{holderStart ?? 0}");

    /// <summary>"PID.START/RUN/STAGE".</summary>
    public static string Value(StageScope scope) =>
        string.Create(CultureInfo.InvariantCulture, $"{Owner(scope.HolderPid, scope.HolderStart)}/{scope.RunId}/{scope.Stage}");

    /// <summary>The run and stage of a tag value of <paramref name="owner"/>, or null when it is another holder's (or not a tag).</summary>
    public static (long RunId, string Stage)? Parse(string value, string owner)
    {
        var parts = value.Split('/', 3);
        return parts.Length == 3 && parts[0] == owner && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var run)
            ? (run, parts[2])
            : null;
    }
}
