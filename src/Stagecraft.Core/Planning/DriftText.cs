namespace Stagecraft.Core.Planning;

/// <summary>A drift result in the words 'drift' and the plan print.</summary>
public static class DriftText
{
    public static string Status(DriftResult result) => result switch
    {
        DriftResult.InSync => "in sync",
        DriftResult.Drifted => "drifted",
        DriftResult.Gone => "gone",
        DriftResult.Unchecked => "unchecked",
        _ => "could not check",
    };

    /// <summary>The detail: what differs, what is gone, why it was not checked, or the error.</summary>
    public static string Of(DriftResult result) => result switch
    {
        DriftResult.Drifted drifted => string.Join("; ", drifted.Differences),
        DriftResult.Gone gone => gone.What,
        DriftResult.Unchecked skipped => skipped.Why,
        DriftResult.CouldNotCheck failed => failed.Error,
        _ => "",
    };
}
