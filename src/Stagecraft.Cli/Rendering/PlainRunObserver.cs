namespace Stagecraft.Cli.Rendering;

/// <summary>Progress as plain timestamped lines, for pipes and CI logs. Unchanged stages stay quiet.</summary>
internal sealed class PlainRunObserver(TextWriter output, TimeProvider time) : IRunObserver
{
    private readonly TextWriter _out = output;
    private readonly object _gate = new();

    public void RunStarted(long runId, string verb, Plan plan) => Write($"run {runId}: {verb} of {plan.Stages.Count(s => s.IsChange)} stage(s) started");

    public void StageStarted(string stage, StageAction action, string? logPath) => Write($"{stage}: {ActionText.Of(action)} started");

    public void StageStatus(string stage, string status) => Write($"{stage}: {status}");

    public void StageFinished(StageReport report)
    {
        switch (report.Result)
        {
            case StageResult.Unchanged when report.Reason is null:
                return;
            case StageResult.Failed:
                Write($"{report.Stage}: FAILED after {Styles.Duration(report.Duration)}: {report.Error}");
                foreach (var line in report.Details)
                {
                    Write($"{report.Stage}: | {line}");
                }

                return;
            default:
                var why = report.Reason is null ? "" : $" ({report.Reason})";
                Write($"{report.Stage}: {ActionText.Of(report.Result)}{(report.Duration > TimeSpan.Zero ? " in " + Styles.Duration(report.Duration) : "")}{why}");
                return;
        }
    }

    public void RunFinished(RunReport report)
    {
    }

    public void Notice(string message) => Write("notice: " + message);

    private void Write(string line)
    {
        lock (_gate)
        {
            _out.WriteLine($"{time.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ} {line}");
        }
    }
}
