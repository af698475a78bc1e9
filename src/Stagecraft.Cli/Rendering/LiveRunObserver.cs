using System.Collections.Concurrent;
using System.Diagnostics;

namespace Stagecraft.Cli.Rendering;

/// <summary>
/// A live view on a terminal: finished stages scroll up as permanent lines; running stages stay
/// at the bottom with a spinner, elapsed time and their latest status, redrawn in place.
/// </summary>
internal sealed class LiveRunObserver : IRunObserver, IAsyncDisposable
{
    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly IAnsiConsole _console;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _finished = new();
    private readonly PeriodicTimer _timer = new(TimeSpan.FromMilliseconds(120));
    private readonly Task _loop;
    private int _drawnLines;
    private int _frame;
    private bool _paused;

    public LiveRunObserver(IAnsiConsole console)
    {
        _console = console;
        _loop = Task.Run(LoopAsync);
    }

    public void RunStarted(long runId, string verb, Plan plan) =>
        _finished.Enqueue($"[grey]run {runId}: {verb} of {plan.Stages.Count(s => s.IsChange)} stage(s)[/]");

    public void StageStarted(string stage, StageAction action, string? logPath) =>
        _running[stage] = new Running(ActionText.Of(action), Stopwatch.StartNew()) { Status = "" };

    public void StageStatus(string stage, string status)
    {
        if (_running.TryGetValue(stage, out var running))
        {
            running.Status = status;
        }
    }

    public void StageFinished(StageReport report)
    {
        _running.TryRemove(report.Stage, out _);
        if (report.Result == StageResult.Unchanged && report.Reason is null)
        {
            return;
        }

        var color = Styles.ColorOf(report.Result);
        var what = report.Result == StageResult.Failed ? report.Error : report.Reason;
        _finished.Enqueue($"[{color}]{(report.Result == StageResult.Failed ? "✗" : "✓")}[/] {Markup.Escape(report.Stage)} [{color}]{ActionText.Of(report.Result)}[/] [grey]{Styles.Duration(report.Duration)}{(what is null ? "" : " " + Markup.Escape(what))}[/]");
    }

    public void RunFinished(RunReport report)
    {
    }

    public void Notice(string message) => _finished.Enqueue($"[yellow]notice:[/] {Markup.Escape(message)}");

    /// <summary>Stops redrawing while the operator answers a question.</summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            Clear();
            Flush();
            _paused = true;
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            _paused = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        Clear();
        Flush();
        _gate.Release();
    }

    private async Task LoopAsync()
    {
        while (await _timer.WaitForNextTickAsync().ConfigureAwait(false))
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!_paused)
                {
                    Redraw();
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private void Redraw()
    {
        Clear();
        Flush();
        _frame++;
        var lines = _running.OrderBy(r => r.Value.Clock.Elapsed).Reverse().Select(r =>
            $"[cyan]{Spinner[_frame % Spinner.Length]}[/] {Markup.Escape(r.Key)} [grey]{r.Value.Action} {Styles.Duration(r.Value.Clock.Elapsed)}[/] {Markup.Escape(Truncate(r.Value.Status))}").ToList();
        foreach (var line in lines)
        {
            _console.MarkupLine(line);
        }

        _drawnLines = lines.Count;
    }

    private void Flush()
    {
        while (_finished.TryDequeue(out var line))
        {
            _console.MarkupLine(line);
        }
    }

    private void Clear()
    {
        if (_drawnLines > 0)
        {
            _console.Cursor.MoveUp(_drawnLines);
            _console.Write(new ControlCode("\u001b[0J"));
            _drawnLines = 0;
        }
    }

    private string Truncate(string status)
    {
        var width = Math.Max(20, _console.Profile.Width - 40);
        return status.Length > width ? status[..(width - 1)] + "…" : status;
    }

    private sealed class Running(string action, Stopwatch clock)
    {
        public string Action { get; } = action;

        public Stopwatch Clock { get; } = clock;

        public string Status { get; set; } = "";
    }
}
