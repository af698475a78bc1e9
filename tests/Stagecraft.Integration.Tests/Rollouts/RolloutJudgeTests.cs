using Stagecraft.Local.Agent.Protocol;
using Stagecraft.Local.Agent.Rollouts;

namespace Stagecraft.Integration.Tests.Rollouts;

/// <summary>The decision of one step from green's figures: pure logic.</summary>
public sealed class RolloutJudgeTests
{
    private static readonly RolloutSpec Spec = new([10, 50], TimeSpan.FromSeconds(30), 0.01, 50, Sticky: false, MaxStepTime: TimeSpan.FromSeconds(90));

    [Fact]
    public void Nothing_is_decided_before_step_time_even_with_errors()
    {
        RolloutJudge.Judge(Spec, 10, new OutcomeCount(500, 500), TimeSpan.FromSeconds(29.9)).Kind.Should().Be(RolloutVerdictKind.Wait);
    }

    [Fact]
    public void A_step_over_the_limit_fails_with_the_figures()
    {
        var verdict = RolloutJudge.Judge(Spec, 10, new OutcomeCount(212, 23), TimeSpan.FromSeconds(30));

        verdict.Kind.Should().Be(RolloutVerdictKind.Fail);
        verdict.Reason.Should().Be("rollout aborted at 10%: green 5xx 23 of 212 requests (10.8%) > 1%");
        verdict.Note.Should().BeNull();
    }

    [Fact]
    public void A_step_at_the_limit_passes()
    {
        RolloutJudge.Judge(Spec, 10, new OutcomeCount(100, 1), TimeSpan.FromSeconds(30)).Kind.Should().Be(RolloutVerdictKind.Pass);
        RolloutJudge.Judge(Spec, 10, new OutcomeCount(100, 2), TimeSpan.FromSeconds(30)).Kind.Should().Be(RolloutVerdictKind.Fail);
    }

    [Fact]
    public void Too_few_requests_wait_up_to_max_step_time_then_are_judged_on_what_was_seen()
    {
        RolloutJudge.Judge(Spec, 10, new OutcomeCount(12, 0), TimeSpan.FromSeconds(89)).Kind.Should().Be(RolloutVerdictKind.Wait);

        var passed = RolloutJudge.Judge(Spec, 10, new OutcomeCount(12, 0), TimeSpan.FromSeconds(90));
        passed.Kind.Should().Be(RolloutVerdictKind.Pass);
        passed.Note.Should().Be("judged on 12 requests, fewer than min_requests 50, after waiting 90s");

        var failed = RolloutJudge.Judge(Spec, 10, new OutcomeCount(12, 3), TimeSpan.FromSeconds(90));
        failed.Kind.Should().Be(RolloutVerdictKind.Fail);
        failed.Note.Should().StartWith("judged on 12 requests");
    }

    [Fact]
    public void A_step_that_saw_no_requests_at_all_passes_at_max_step_time_and_says_so()
    {
        var verdict = RolloutJudge.Judge(Spec, 50, new OutcomeCount(0, 0), TimeSpan.FromSeconds(90));

        verdict.Kind.Should().Be(RolloutVerdictKind.Pass);
        verdict.Note.Should().Contain("judged on 0 requests");
    }

    [Fact]
    public void Errors_counted_before_their_requests_ended_never_exceed_the_requests()
    {
        new OutcomeCount(10, 14).Since(new OutcomeCount(5, 2)).Should().Be(new OutcomeCount(5, 5));
    }
}
