namespace Stagecraft.Local.Kinds.Service.Rollback;

/// <summary>
/// The rollback's stage log: every line goes to the log file and, masked, to the observer, because a
/// rollback runs one stage outside the engine and its progress is shown as it comes.
/// </summary>
internal sealed class RollbackLog(IStageLog inner, IRollbackObserver observer, Func<string, string> mask) : IStageLog
{
    public string FilePath => inner.FilePath;

    public void Line(string text)
    {
        inner.Line(text);
        observer.Line(mask(text));
    }

    public void Status(string text) => inner.Status(text);

    public IReadOnlyList<string> Tail(int count) => inner.Tail(count);
}
