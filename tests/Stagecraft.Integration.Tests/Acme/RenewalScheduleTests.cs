using Stagecraft.Local.Agent.Acme;

namespace Stagecraft.Integration.Tests.Acme;

public sealed class RenewalScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(90 * 24 * 3600, 60 * 24 * 3600)]
    [InlineData(6 * 24 * 3600, 4 * 24 * 3600)]
    [InlineData(60, 40)]
    public void A_certificate_is_due_at_two_thirds_of_its_lifetime(int lifetimeSeconds, int dueAfterSeconds)
    {
        var due = RenewalSchedule.DueAt(Start, Start.AddSeconds(lifetimeSeconds));

        due.Should().Be(Start.AddSeconds(dueAfterSeconds));
        RenewalSchedule.IsDue(Start, Start.AddSeconds(lifetimeSeconds), due.AddTicks(-1)).Should().BeFalse();
        RenewalSchedule.IsDue(Start, Start.AddSeconds(lifetimeSeconds), due).Should().BeTrue();
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 5 * 60)]
    [InlineData(3, 15 * 60)]
    [InlineData(4, 3600)]
    [InlineData(5, 4 * 3600)]
    [InlineData(12, 4 * 3600)]
    public void Failed_renewals_back_off_on_the_documented_schedule(int failures, int seconds) =>
        RenewalSchedule.RetryDelay(failures, TimeSpan.FromDays(90)).Should().Be(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void A_short_lived_certificate_is_retried_within_a_tenth_of_its_lifetime() =>
        RenewalSchedule.RetryDelay(3, TimeSpan.FromSeconds(60)).Should().Be(TimeSpan.FromSeconds(6));

    [Fact]
    public void Retries_never_come_faster_than_once_a_second() =>
        RenewalSchedule.RetryDelay(1, TimeSpan.FromSeconds(2)).Should().Be(TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(null, 1000)]
    [InlineData(0, 1000)]
    [InlineData(3, 3000)]
    [InlineData(600, 30000)]
    public void Polls_wait_the_servers_Retry_After_up_to_a_cap(int? retryAfterSeconds, int expectedMilliseconds)
    {
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;

        AcmeClient.PollDelay(retryAfter, AcmeClientOptions.Default).Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));
    }
}
