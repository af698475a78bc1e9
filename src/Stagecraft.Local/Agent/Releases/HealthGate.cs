namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// Waits until an instance answers its health check <see cref="HealthSpec.HealthyThreshold"/> times in a
/// row, checking every <see cref="HealthSpec.Interval"/>; fails once <see cref="HealthSpec.Grace"/> has
/// passed, or at once when the instance's process exits. Timing comes from a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class HealthGate(HealthSpec spec, Func<CancellationToken, Task<HealthResult>> probe, TimeProvider time)
{
    /// <param name="exited">Completes with a description when the instance's process ends.</param>
    /// <param name="onCheck">Told every result, for progress.</param>
    public async Task<HealthOutcome> WaitAsync(Task<string> exited, Action<HealthResult>? onCheck, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var consecutive = 0;
        var last = "no check yet";
        while (true)
        {
            if (exited.IsCompleted)
            {
                return HealthOutcome.Fail(await exited.ConfigureAwait(false));
            }

            var result = await probe(cancellationToken).ConfigureAwait(false);
            onCheck?.Invoke(result);
            last = result.Observed;
            consecutive = result.Healthy ? consecutive + 1 : 0;
            if (consecutive >= spec.HealthyThreshold)
            {
                return HealthOutcome.Healthy(time.GetElapsedTime(started));
            }

            var elapsed = time.GetElapsedTime(started);
            if (elapsed >= spec.Grace)
            {
                return HealthOutcome.Fail($"not healthy within the grace of {spec.Grace.TotalSeconds:0.###}s (last check of {spec.Path}: {last})");
            }

            var wait = Min(spec.Interval, spec.Grace - elapsed);
            var delay = Task.Delay(wait, time, cancellationToken);
            await Task.WhenAny(delay, exited).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
