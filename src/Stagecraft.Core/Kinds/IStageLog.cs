namespace Stagecraft.Core.Kinds;

/// <summary>A stage's log for this run: every line goes to its log file (secrets masked).</summary>
public interface IStageLog
{
    /// <summary>The file this stage's lines go to.</summary>
    string FilePath { get; }

    void Line(string text);

    /// <summary>A short status shown beside the stage on a live terminal ("waiting for health check").</summary>
    void Status(string text);

    /// <summary>The last lines written, for failure reports.</summary>
    IReadOnlyList<string> Tail(int count);
}
