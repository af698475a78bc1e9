namespace Stagecraft.Local.Kinds.Service;

/// <summary>
/// The 'rollout' setting of a service: checked where it is written (validate, plan and deploy refuse bad values
/// with their line and column), then read into the <see cref="RolloutSpec"/> the agent runs.
/// </summary>
internal static class RolloutSettings
{
    public static readonly IReadOnlyList<int> DefaultSteps = [10, 50];
    public static readonly TimeSpan DefaultStepTime = TimeSpan.FromSeconds(30);
    public const double DefaultMaxErrorRate = 0.01;
    public const int DefaultMinRequests = 50;

    public static KindSchema Schema() => new(
        new FieldSpec("steps", FieldType.StringList, "green's share of new requests at each step, increasing percentages from 1 to 99: [10, 50] (default); then 100"),
        new FieldSpec("step_time", FieldType.Duration, "how long each step runs before green's error rate is judged (default 30s)"),
        new FieldSpec("max_error_rate", FieldType.String, "fraction of green's requests in a step (5xx answers, failed connections) above which the rollout aborts (default 0.01)"),
        new FieldSpec("min_requests", FieldType.Integer, "requests green must serve in a step before it is judged (default 50)"),
        new FieldSpec("max_step_time", FieldType.Duration, "how long a step may wait for min_requests; then it is judged on what it saw (default 3 × step_time)"),
        new FieldSpec("sticky", FieldType.Boolean, "keep each client on one side by a cookie (default false)"));

    /// <summary>Offline checks with locations; values made of references are checked again when read.</summary>
    public static void Validate(ConfigMap rollout, string stage, Core.Diagnostics.DiagnosticBag diagnostics)
    {
        if (rollout["steps"] is ConfigList steps)
        {
            var previous = 0;
            if (steps.Items.Count == 0)
            {
                diagnostics.Add(steps.Location, $"rollout.steps of stage '{stage}' is empty", "list green's share at each step, e.g. [10, 50]");
            }

            foreach (var item in steps.Items.OfType<ConfigScalar>().Where(Literal))
            {
                if (StepError(item.Text, previous) is { } error)
                {
                    diagnostics.Add(item.TextLocation, $"rollout.steps of stage '{stage}': {error}", "write increasing percentages from 1 to 99, e.g. [10, 50]");
                    break;
                }

                previous = int.Parse(item.Text, CultureInfo.InvariantCulture);
            }
        }

        if (rollout["max_error_rate"] is ConfigScalar rate && Literal(rate) && RateError(rate.Text) is { } rateError)
        {
            diagnostics.Add(rate.TextLocation, $"rollout.max_error_rate of stage '{stage}' {rateError}", "0.01 is 1%");
        }

        if (rollout["min_requests"] is ConfigScalar min && Literal(min) && int.TryParse(min.Text, CultureInfo.InvariantCulture, out var minimum) && minimum < 1)
        {
            diagnostics.Add(min.TextLocation, $"rollout.min_requests of stage '{stage}' must be at least 1, not {minimum}", "the number of green's requests a step judges on, e.g. 50");
        }

        var stepTime = Duration(rollout, "step_time");
        if (stepTime is <= 0 && rollout["step_time"] is ConfigScalar zero)
        {
            diagnostics.Add(zero.TextLocation, $"rollout.step_time of stage '{stage}' must be more than zero", "how long each step lasts, e.g. 30s or 2m");
        }

        if (Duration(rollout, "max_step_time") is { } maxWait && maxWait < (stepTime ?? DefaultStepTime.Ticks) && rollout["max_step_time"] is ConfigScalar wait)
        {
            diagnostics.Add(wait.TextLocation, $"rollout.max_step_time of stage '{stage}' is shorter than its step_time", "max_step_time is how long a step may wait past step_time for min_requests");
        }
    }

    public static RolloutSpec? Read(ResolvedMap? rollout)
    {
        if (rollout is null)
        {
            return null;
        }

        var steps = new List<int>();
        foreach (var item in rollout.ScalarList("steps") ?? [])
        {
            if (StepError(item.Value, steps.LastOrDefault()) is { } error)
            {
                throw new StageFailedException($"{item.Location}: rollout.steps: {error}");
            }

            steps.Add(int.Parse(item.Value, CultureInfo.InvariantCulture));
        }

        var rateText = rollout.String("max_error_rate");
        if (rateText is not null && RateError(rateText) is { } rateError)
        {
            throw new StageFailedException($"{rollout.Scalar("max_error_rate")!.Location}: rollout.max_error_rate {rateError}");
        }

        var stepTime = rollout.Duration("step_time") ?? DefaultStepTime;
        if (stepTime <= TimeSpan.Zero)
        {
            throw new StageFailedException($"{rollout.Scalar("step_time")!.Location}: rollout.step_time must be more than zero");
        }

        if (rollout.Has("steps") && steps.Count == 0)
        {
            throw new StageFailedException($"{rollout.Location}: rollout.steps is empty; list green's share at each step, e.g. [10, 50]");
        }

        var maxStepTime = rollout.Duration("max_step_time") ?? stepTime * RolloutSpec.DefaultWaitFactor;
        return new RolloutSpec(
            steps.Count > 0 ? steps : DefaultSteps,
            stepTime,
            rateText is null ? DefaultMaxErrorRate : double.Parse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture),
            Math.Max(1, rollout.Integer("min_requests") ?? DefaultMinRequests),
            rollout.Boolean("sticky") ?? false,
            maxStepTime < stepTime ? stepTime : maxStepTime);
    }

    private static bool Literal(ConfigScalar scalar) => !scalar.Text.Contains("${", StringComparison.Ordinal);

    private static long? Duration(ConfigMap map, string key) =>
        map[key] is ConfigScalar scalar && Literal(scalar) ? DurationText.TryParse(scalar.Text)?.Ticks : null;

    private static string? StepError(string text, int previous)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent is < 1 or > 99)
        {
            return $"'{text}' is not a percentage from 1 to 99";
        }

        return percent <= previous ? $"{percent} does not come after {previous}: steps must increase" : null;
    }

    private static string? RateError(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1
            ? null
            : $"must be a fraction from 0 to 1 (0.01 is 1%), not '{text}'";
}
