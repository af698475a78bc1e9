using Microsoft.Extensions.Time.Testing;
using Stagecraft.Local.Agent.Protocol;
using Stagecraft.Local.Agent.Releases;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Agent.Units;

/// <summary>The health gate's timing, driven by a fake clock: thresholds, resets, grace, and an instance that exits.</summary>
public sealed class HealthGateTests
{
    private static readonly HealthSpec Spec = new() { Interval = TimeSpan.FromSeconds(1), HealthyThreshold = 2, Grace = TimeSpan.FromSeconds(5) };
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Healthy_after_the_threshold_of_consecutive_successes()
    {
        var probe = new ScriptedProbe(false, true, true);

        var outcome = await RunAsync(new HealthGate(Spec, probe.CheckAsync, _time), probe);

        outcome.IsHealthy.Should().BeTrue();
        probe.Calls.Should().Be(3);
        outcome.Elapsed.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_failure_resets_the_count()
    {
        var probe = new ScriptedProbe(true, false, true, true);

        var outcome = await RunAsync(new HealthGate(Spec, probe.CheckAsync, _time), probe);

        outcome.IsHealthy.Should().BeTrue();
        probe.Calls.Should().Be(4);
    }

    [Fact]
    public async Task Fails_once_the_grace_has_passed_naming_the_last_answer()
    {
        var probe = new ScriptedProbe();

        var outcome = await RunAsync(new HealthGate(Spec, probe.CheckAsync, _time), probe);

        outcome.IsHealthy.Should().BeFalse();
        outcome.Failure.Should().Contain("grace of 5s").And.Contain("503");
        probe.Calls.Should().Be(6, "one check at 0s and one per second up to the 5s grace");
    }

    [Fact]
    public async Task An_instance_that_exits_fails_the_gate_without_waiting_for_the_grace()
    {
        var probe = new ScriptedProbe();
        var exited = new TaskCompletionSource<string>();
        var gate = new HealthGate(Spec, probe.CheckAsync, _time).WaitAsync(exited.Task, null, CancellationToken.None);

        exited.SetResult("instance 0 exited with code 3");
        var outcome = await gate.WaitAsync(TimeSpan.FromSeconds(10));

        outcome.Failure.Should().Be("instance 0 exited with code 3");
        _time.GetUtcNow().Should().Be(new FakeTimeProvider().GetUtcNow(), "no time had to pass");
    }

    // One probe per interval: the clock moves on only after the gate has probed for the current second,
    // so no tick is lost to a continuation that has not re-armed its timer yet.
    private async Task<HealthOutcome> RunAsync(HealthGate gate, ScriptedProbe probe)
    {
        var task = gate.WaitAsync(new TaskCompletionSource<string>().Task, null, CancellationToken.None);
        for (var i = 0; i < 100 && !task.IsCompleted; i++)
        {
            var probed = i + 1;
            await Eventually.TrueAsync(() => probe.Calls >= probed || task.IsCompleted, $"probe {probed}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class ScriptedProbe(params bool[] answers)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<HealthResult> CheckAsync(CancellationToken cancellationToken)
        {
            var healthy = _calls < answers.Length && answers[_calls];
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new HealthResult(healthy, healthy ? "200" : "503"));
        }
    }
}
