namespace Stagecraft.Local.Agent.Rollouts;

/// <summary>
/// Runs one progressive rollout in the agent: shifts each step's share of new requests to green, judges the
/// step on green's figures (<see cref="RolloutJudge"/>), and ends promoted (green gets everything) or aborted
/// (blue gets everything at once). <see cref="Promote"/> and <see cref="Abort"/> end it early from outside.
/// It owns no client connection: a client that goes away changes nothing.
/// </summary>
internal sealed class RolloutController(RolloutSpec spec, IRolloutTraffic traffic, TimeProvider time, IReleaseProgress progress, string release, string previous)
{
    private readonly RolloutSpec _spec = spec;
    private readonly IRolloutTraffic _traffic = traffic;
    private readonly TimeProvider _time = time;
    private readonly Lock _gate = new();
    private readonly List<RolloutStepFigures> _steps = [];
    private readonly TaskCompletionSource<string> _command = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<RolloutReport> _decided = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _percent;
    private OutcomeCount _stepStart;
    private long _stepStarted;
    private string _state = RolloutReport.Running;
    private string? _decision;
    public const string PromoteCommand = "promote";
    public const string AbortCommand = "abort";

    public string Release { get; } = release;

    public string Previous { get; } = previous;

    /// <summary>Told each time the rollout starts waiting on the clock (tests advance a fake clock only then).</summary>
    public Action? Waiting { get; init; }

    /// <summary>Completes once traffic went all to green or all to blue, with the final report.</summary>
    public Task<RolloutReport> Decided => _decided.Task;

    /// <summary>Ends the rollout with green at 100% now; false when it has already been decided.</summary>
    public bool Promote(string why) => !_decided.Task.IsCompleted && _command.TrySetResult(PromoteCommand + ":" + why);

    /// <summary>Ends the rollout with every request back on blue now; false when it has already been decided.</summary>
    public bool Abort(string why) => !_decided.Task.IsCompleted && _command.TrySetResult(AbortCommand + ":" + why);

    /// <summary>The rollout now, the running step's figures included.</summary>
    public RolloutReport Report()
    {
        lock (_gate)
        {
            var steps = _steps.ToList();
            if (_state == RolloutReport.Running && _percent > 0)
            {
                steps.Add(Figures(_traffic.Green.Since(_stepStart), "running"));
            }

            return new RolloutReport(Release, Previous, _state, _state == RolloutReport.Running ? _percent : _state == RolloutReport.Promoted ? 100 : 0, steps, _decision);
        }
    }

    public async Task<RolloutReport> RunAsync()
    {
        try
        {
            var report = await StepThroughAsync().ConfigureAwait(false);
            _decided.TrySetResult(report);
            return report;
        }
        catch (Exception ex)
        {
            // Whatever went wrong, blue must not be left sharing traffic with a release nobody judges.
            _traffic.Revert();
            var report = End(RolloutReport.Aborted, Figures(_traffic.Green.Since(_stepStart), "aborted"), $"{AgentProtocol.RolloutAbortedPrefix}{_percent}%: {ex.Message}");
            _decided.TrySetResult(report);
            return report;
        }
    }

    private async Task<RolloutReport> StepThroughAsync()
    {
        var poll = TimeSpan.FromMilliseconds(Math.Clamp(_spec.StepTime.TotalMilliseconds / 10, 20, 1000));
        foreach (var percent in _spec.Steps)
        {
            lock (_gate)
            {
                _percent = percent;
                _stepStart = _traffic.Green;
                _stepStarted = _time.GetTimestamp();
            }

            _traffic.Shift(percent);
            progress.Line($"rollout: {percent}% of new requests go to {Release}, the rest to {Previous} (judged after {Seconds(_spec.StepTime)})");
            while (true)
            {
                var elapsed = _time.GetElapsedTime(_stepStarted);
                var figures = _traffic.Green.Since(_stepStart);
                var verdict = RolloutJudge.Judge(_spec, percent, figures, elapsed);
                if (verdict.Kind == RolloutVerdictKind.Fail)
                {
                    _traffic.Revert();
                    return End(RolloutReport.Aborted, Figures(figures, "failed", verdict.Note), verdict.Reason!);
                }

                if (verdict.Kind == RolloutVerdictKind.Pass)
                {
                    var step = Figures(figures, "passed", verdict.Note);
                    lock (_gate)
                    {
                        _steps.Add(step);
                    }

                    progress.Line("rollout step " + step.Describe());
                    break;
                }

                if (elapsed >= _spec.StepTime && elapsed < _spec.StepTime + poll)
                {
                    progress.Status($"rollout at {percent}%: {figures.Requests} of min_requests {_spec.MinRequests} so far; waiting up to {Seconds(_spec.MaxStepTime)}");
                }

                var wait = elapsed < _spec.StepTime ? _spec.StepTime - elapsed : poll;
                using var cancelDelay = new CancellationTokenSource();
                var delay = Task.Delay(wait, _time, cancelDelay.Token);
                Waiting?.Invoke();
                if (await Task.WhenAny(delay, _command.Task).ConfigureAwait(false) == _command.Task)
                {
                    await cancelDelay.CancelAsync().ConfigureAwait(false);
                    return Commanded(_command.Task.Result);
                }
            }
        }

        _traffic.Promote();
        var last = _spec.Steps[^1];
        return End(RolloutReport.Promoted, null, $"promoted to 100% after the {last}% step");
    }

    private RolloutReport Commanded(string command)
    {
        var separator = command.IndexOf(':', StringComparison.Ordinal);
        var (verb, why) = (command[..separator], command[(separator + 1)..]);
        var figures = _traffic.Green.Since(_stepStart);
        if (verb == PromoteCommand)
        {
            _traffic.Promote();
            return End(RolloutReport.Promoted, Figures(figures, "promoted"), $"promoted to 100% at {_percent}% by {why}");
        }

        _traffic.Revert();
        return End(RolloutReport.Aborted, Figures(figures, "aborted"), $"{AgentProtocol.RolloutAbortedPrefix}{_percent}% by {why}: green 5xx {figures.Errors} of {figures.Requests} requests ({RolloutStepFigures.Rate(figures.Errors, figures.Requests)}) in the step");
    }

    private RolloutReport End(string state, RolloutStepFigures? step, string decision)
    {
        lock (_gate)
        {
            if (step is not null)
            {
                _steps.Add(step);
            }

            _state = state;
            _decision = decision;
        }

        progress.Line((step is null ? "" : "rollout step " + step.Describe() + "; ") + decision);
        return Report();
    }

    private RolloutStepFigures Figures(OutcomeCount figures, string outcome, string? note = null) =>
        new(_percent, figures.Requests, figures.Errors, Math.Round(_time.GetElapsedTime(_stepStarted).TotalSeconds, 1), outcome, note);

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###}s");
}
