using System.Globalization;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Rollouts;

/// <summary>A <see cref="ServiceProject"/> whose stage has a rollout, and the 'rollout' verb against it.</summary>
internal static class RolloutProject
{
    public static string Rollout(string stepTime, int minRequests = 20, string maxStepTime = "60s", string steps = "[10, 50]", string extra = "") =>
        string.Create(CultureInfo.InvariantCulture,
            $"    rollout: {{ steps: {steps}, step_time: {stepTime}, max_error_rate: 0.01, min_requests: {minRequests}, max_step_time: {maxStepTime}{extra} }}\n");

    /// <summary>Waits until 'rollout status' shows the rollout running at <paramref name="percent"/>.</summary>
    public static Task WaitForStepAsync(ServiceProject project, int percent) =>
        Eventually.TrueAsync(async () =>
        {
            var status = await project.RunAsync("rollout", "status", "web");
            return status.ExitCode == 0 && status.Output.Contains($"running, {percent}% of new requests", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(90), $"the rollout running at {percent}%");
}
