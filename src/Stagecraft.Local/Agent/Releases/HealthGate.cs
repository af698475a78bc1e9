using Stagecraft.Local.Agent.Protocol;

namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// Waits until an instance answers its health check <see cref="HealthSpec.HealthyThreshold"/> times in a
/// row, checking every <see cref="HealthSpec.Interval"/>; fails once <see cref="HealthSpec.Grace"/> has
/// passed, or at once when the instance's process exits. Timing comes from a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class HealthGate(HealthSpec spec, Func<CancellationToken, Task<HealthResult>> probe, TimeProvider time)
{
    private readonly HealthSpec _spec = spec;
    private readonly Func<CancellationToken, Task<HealthResult>> _probe = probe;
    private readonly TimeProvider _time = time;

    /// <param name="exited">Completes with a description when the instance's process ends.</param>
    /// <param name="onCheck">Told every result, for progress.</param>
    public async Task<HealthOutcome> WaitAsync(Task<string> exited, Action<HealthResult>? onCheck, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var consecutive = 0;
        var last = "no check yet";
        while (true)
        {
            if (exited.IsCompleted)
            {
                return HealthOutcome.Fail(await exited.ConfigureAwait(false));
            }

            var result = await _probe(cancellationToken).ConfigureAwait(false);
            onCheck?.Invoke(result);
            last = result.Observed;
            consecutive = result.Healthy ? consecutive + 1 : 0;
            if (consecutive >= _spec.HealthyThreshold)
            {
                return HealthOutcome.Healthy(_time.GetElapsedTime(started));
            }

            var elapsed = _time.GetElapsedTime(started);
            if (elapsed >= _spec.Grace)
            {
                return HealthOutcome.Fail($"not healthy within the grace of {_spec.Grace.TotalSeconds:0.###}s (last check of {_spec.Path}: {last})");
            }

            var wait = Min(_spec.Interval, _spec.Grace - elapsed);
            var delay = Task.Delay(wait, _time, cancellationToken);
            await Task.WhenAny(delay, exited).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
