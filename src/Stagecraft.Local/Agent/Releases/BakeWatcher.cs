namespace Stagecraft.Local.Agent.Releases;

/// <summary>
/// Watches green after the switch for the bake window while blue stays up: trouble is a green instance
/// exiting, or green's error rate (5xx answers and proxy failures over requests, once there are at least
/// <see cref="BakeSpec.MinRequests"/>) above <see cref="BakeSpec.MaxErrorRate"/>. Returns the trouble in words, or null.
/// </summary>
internal static class BakeWatcher
{
    public static async Task<string?> WatchAsync(BakeSpec bake, ReleaseInstances green, TimeProvider time, IReleaseProgress progress, CancellationToken abort)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(bake.Window.TotalMilliseconds / 20, 20, 250));
        var started = time.GetTimestamp();

        // After a rollout green has served its steps already; the bake judges what it serves at 100%.
        var from = (Requests: green.Pool.Requests, Errors: green.Pool.ServerErrors);
        progress.Status($"baking {green.Id} for {bake.Window.TotalSeconds:0.###}s");
        while (time.GetElapsedTime(started) < bake.Window)
        {
            if (Trouble(bake, green, from) is { } trouble)
            {
                return trouble;
            }

            try
            {
                await Task.Delay(tick, time, abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return "the release was aborted during the bake";
            }
        }

        var final = Trouble(bake, green, from);
        if (final is null)
        {
            progress.Line($"bake passed: {green.Pool.Requests - from.Requests} requests, {green.Pool.ServerErrors - from.Errors} errors in {bake.Window.TotalSeconds:0.###}s");
        }

        return final;
    }

    private static string? Trouble(BakeSpec bake, ReleaseInstances green, (long Requests, long Errors) from)
    {
        if (green.Instances.FirstOrDefault(i => i.Current is not { HasExited: false }) is { } dead)
        {
            var exit = dead.Current is { Exited.IsCompletedSuccessfully: true } p ? SupervisedInstance.DescribeExit(p.Exited.Result) : "stopped";
            return $"green instance {dead.Index} {exit} during the bake";
        }

        var requests = green.Pool.Requests - from.Requests;
        var errors = Math.Clamp(green.Pool.ServerErrors - from.Errors, 0, requests);
        if (requests >= Math.Max(1, bake.MinRequests) && (double)errors / requests > bake.MaxErrorRate)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"green's error rate {100.0 * errors / requests:0.#}% ({errors} of {requests} requests) is above the bake's {100 * bake.MaxErrorRate:0.#}%");
        }

        return null;
    }
}
