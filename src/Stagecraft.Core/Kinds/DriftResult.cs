namespace Stagecraft.Core.Kinds;

/// <summary>What a drift check found for one deployed stage.</summary>
public abstract record DriftResult
{
    private DriftResult()
    {
    }

    /// <summary>Parts of the check that could not be made (e.g. an API that did not answer), said in words.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static DriftResult Same { get; } = new InSync();

    public static DriftResult Differs(params string[] differences) => new Drifted(differences);

    /// <summary>What it made exists and matches.</summary>
    public sealed record InSync : DriftResult;

    /// <summary>
    /// What it made exists but differs. <paramref name="Unrepairable"/> is set when a redeploy would
    /// not change it back, and says what to do instead.
    /// </summary>
    public sealed record Drifted(IReadOnlyList<string> Differences, string? Unrepairable = null) : DriftResult;

    /// <summary>What it made no longer exists.</summary>
    public sealed record Gone(string What) : DriftResult;

    /// <summary>The kind cannot or does not check this stage (one-shot kinds, no check configured).</summary>
    public sealed record Unchecked(string Why) : DriftResult;

    /// <summary>The check was attempted and could not run: unreachable, access denied.</summary>
    public sealed record CouldNotCheck(string Error) : DriftResult;
}
