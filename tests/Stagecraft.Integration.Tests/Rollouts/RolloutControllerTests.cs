using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Stagecraft.Local.Agent.Protocol;
using Stagecraft.Local.Agent.Releases;
using Stagecraft.Local.Agent.Rollouts;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Rollouts;

/// <summary>The rollout's steps and decisions driven by a fake clock and fake traffic figures.</summary>
public sealed class RolloutControllerTests
{
    private static readonly TimeSpan StepTime = TimeSpan.FromSeconds(30);
    private static readonly RolloutSpec Spec = new([10, 50], StepTime, 0.01, 50, Sticky: false, MaxStepTime: TimeSpan.FromSeconds(90));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UnixEpoch);
    private readonly FakeTraffic _traffic = new();
    private long _waits;

    [Fact]
    public async Task A_healthy_green_goes_through_every_step_to_100_percent()
    {
        var controller = Controller();
        var run = controller.RunAsync();
        _traffic.Moves.Should().Equal("10");

        _traffic.Serve(100, 0);
        await AdvanceUntilAsync(StepTime, () => _traffic.Moves.Count == 2);
        _traffic.Moves.Should().Equal("10", "50");
        controller.Report().Percent.Should().Be(50);

        _traffic.Serve(400, 2);
        await AdvanceUntilAsync(StepTime, () => run.IsCompleted);
        var report = await run;

        _traffic.Moves.Should().Equal("10", "50", "promote");
        report.State.Should().Be(RolloutReport.Promoted);
        report.Steps.Select(s => (s.Percent, s.Requests, s.Errors, s.Outcome)).Should().Equal((10, 100L, 0L, "passed"), (50, 400L, 2L, "passed"));
        report.Decision.Should().Be("promoted to 100% after the 50% step");
    }

    [Fact]
    public async Task A_failing_step_sends_everything_back_to_blue_with_the_figures()
    {
        var controller = Controller();
        var run = controller.RunAsync();

        _traffic.Serve(212, 23);
        _clock.Advance(StepTime);
        var report = await run.WaitAsync(TimeSpan.FromSeconds(30));

        _traffic.Moves.Should().Equal("10", "revert");
        report.State.Should().Be(RolloutReport.Aborted);
        report.Percent.Should().Be(0);
        report.Decision.Should().Be("rollout aborted at 10%: green 5xx 23 of 212 requests (10.8%) > 1%");
        report.Steps.Should().ContainSingle().Which.Should().Be(new RolloutStepFigures(10, 212, 23, 30, "failed"));
    }

    [Fact]
    public async Task A_quiet_step_waits_for_min_requests_up_to_max_step_time_then_decides_on_what_it_saw()
    {
        var controller = Controller();
        var run = controller.RunAsync();

        _traffic.Serve(12, 0);
        await AdvanceUntilAsync(StepTime, () => Interlocked.Read(ref _waits) >= 2);
        _traffic.Moves.Should().Equal(["10"], "12 requests are fewer than min_requests");
        controller.Report().Steps.Single().Should().Be(new RolloutStepFigures(10, 12, 0, 30, "running"));

        await AdvanceUntilAsync(TimeSpan.FromSeconds(1), () => _traffic.Moves.Count == 2);
        _clock.GetUtcNow().Should().BeOnOrAfter(DateTimeOffset.UnixEpoch.AddSeconds(90), "the step waited until max_step_time");
        var first = controller.Report().Steps[0];
        first.Outcome.Should().Be("passed");
        first.Note.Should().Be("judged on 12 requests, fewer than min_requests 50, after waiting 90s");

        controller.Abort("the test").Should().BeTrue();
        (await run.WaitAsync(TimeSpan.FromSeconds(30))).State.Should().Be(RolloutReport.Aborted);
    }

    [Fact]
    public async Task Promote_during_a_step_sends_everything_to_green_at_once()
    {
        var controller = Controller();
        var run = controller.RunAsync();
        _traffic.Serve(7, 0);

        controller.Promote("the operator").Should().BeTrue();
        var report = await controller.Decided.WaitAsync(TimeSpan.FromSeconds(30));

        _traffic.Moves.Should().Equal("10", "promote");
        report.State.Should().Be(RolloutReport.Promoted);
        report.Decision.Should().Be("promoted to 100% at 10% by the operator");
        report.Steps.Single().Should().Be(new RolloutStepFigures(10, 7, 0, 0, "promoted"));
        (await run).Should().Be(report);
        controller.Abort("too late").Should().BeFalse();
    }

    [Fact]
    public async Task Abort_during_a_step_sends_everything_back_to_blue_at_once()
    {
        var controller = Controller();
        var run = controller.RunAsync();
        _traffic.Serve(100, 0);
        await AdvanceUntilAsync(StepTime, () => _traffic.Moves.Count == 2);

        controller.Abort("the operator").Should().BeTrue();
        var report = await run.WaitAsync(TimeSpan.FromSeconds(30));

        _traffic.Moves.Should().Equal("10", "50", "revert");
        report.State.Should().Be(RolloutReport.Aborted);
        report.Decision.Should().StartWith("rollout aborted at 50% by the operator");
        report.Steps.Select(s => s.Outcome).Should().Equal("passed", "aborted");
    }

    private RolloutController Controller() => new(Spec, _traffic, _clock, new NoProgress(), "r2", "r1") { Waiting = () => Interlocked.Increment(ref _waits) };

    // Advances the clock only while the controller waits on it, until it has acted.
    private async Task AdvanceUntilAsync(TimeSpan step, Func<bool> done)
    {
        for (var i = 0; i < 1000 && !done(); i++)
        {
            var waits = Interlocked.Read(ref _waits);
            _clock.Advance(step);
            await Eventually.TrueAsync(() => done() || Interlocked.Read(ref _waits) > waits, "the controller to act or wait again");
        }

        done().Should().BeTrue();
    }

    private sealed class FakeTraffic : IRolloutTraffic
    {
        private long _requests;
        private long _errors;

        public ConcurrentQueue<string> MovesQueue { get; } = new();

        public IReadOnlyList<string> Moves => [.. MovesQueue];

        public OutcomeCount Green
        {
            get => new(Interlocked.Read(ref _requests), Interlocked.Read(ref _errors));
        }

        public void Serve(long requests, long errors)
        {
            Interlocked.Add(ref _requests, requests);
            Interlocked.Add(ref _errors, errors);
        }

        public void Shift(int percent) => MovesQueue.Enqueue(percent.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public void Promote() => MovesQueue.Enqueue("promote");

        public void Revert() => MovesQueue.Enqueue("revert");
    }

    private sealed class NoProgress : IReleaseProgress
    {
        public void Line(string text)
        {
        }

        public void Status(string text)
        {
        }
    }
}
