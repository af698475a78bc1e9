namespace Stagecraft.Local.Agent.Releases;

/// <summary>The readiness gate for green: every instance must pass its health check; the first failure fails all.</summary>
internal sealed class GreenGate(HealthProbe probe, TimeProvider time)
{
    public async Task WaitAsync(ReleaseInstances green, HealthSpec health, IReleaseProgress progress, CancellationToken abort)
    {
        progress.Status($"waiting for {green.Id} to be healthy ({health.Path})");
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var checks = green.Instances.Select(async instance =>
        {
            var process = instance.Current!;
            var exited = process.Exited.ContinueWith(t => $"instance {instance.Index} {SupervisedInstance.DescribeExit(t.Result)} before it was healthy", TaskScheduler.Default);
            var gate = new HealthGate(health, ct => probe.CheckAsync(instance.Uri, health, ct), time);
            string? last = null;
            var outcome = await gate.WaitAsync(exited, result =>
            {
                // Only changes are news; a status line per check would flood plain output.
                if (result.Observed != last)
                {
                    last = result.Observed;
                    progress.Status($"{green.Id} instance {instance.Index}: {health.Path} answers {result.Observed}");
                }
            }, failed.Token).ConfigureAwait(false);
            if (!outcome.IsHealthy)
            {
                await failed.CancelAsync().ConfigureAwait(false);
                throw new ReleaseFailedException($"{green.Id} instance {instance.Index} " + outcome.Failure!.Replace($"instance {instance.Index} ", "", StringComparison.Ordinal));
            }

            progress.Line($"{green.Id} instance {instance.Index} healthy after {outcome.Elapsed.TotalSeconds:0.##}s");
        }).ToList();

        try
        {
            await Task.WhenAll(checks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
            // Another instance failed and cancelled this one: report that failure.
            throw checks.Select(c => c.Exception?.InnerException).OfType<ReleaseFailedException>().First();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (ReleaseFailedException)
        {
            throw checks.Select(c => c.Exception?.InnerException).OfType<ReleaseFailedException>().First();
        }
    }
}
