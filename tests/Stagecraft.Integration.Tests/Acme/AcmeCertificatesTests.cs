using Microsoft.Extensions.Time.Testing;
using Stagecraft.Local.Agent.Acme;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>When certificates are reused, renewed and retried, on a fake clock with a stand-in issuer.</summary>
public sealed class AcmeCertificatesTests : IDisposable
{
    private static readonly AcmeSettings Settings = new(new Uri("https://acme.stagecraft.test/dir"), null, null);
    private static readonly string[] Hosts = ["notes.stagecraft.test"];
    private readonly TempDirectory _data = new("stagecraft-acme");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeIssuer _issuer;
    private readonly AcmeCertificates _certificates;

    public AcmeCertificatesTests()
    {
        _issuer = new FakeIssuer(_clock);
        _certificates = new AcmeCertificates(new AcmeCertificateStore(_data.Path), _issuer, new Http01ChallengeStore(), _clock);
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_stored_certificate_is_handed_out_until_it_is_due()
    {
        using var first = await EnsureAsync();
        _clock.Advance(TimeSpan.FromDays(59));
        using var before = await EnsureAsync();
        _clock.Advance(TimeSpan.FromDays(1));
        using var due = await EnsureAsync();

        before.Certificate.SerialNumber.Should().Be(first.Certificate.SerialNumber);
        due.Certificate.SerialNumber.Should().NotBe(first.Certificate.SerialNumber);
        _issuer.Calls.Should().Be(2);
    }

    [Fact]
    public async Task The_renewal_loop_renews_when_due_and_raises_Renewed()
    {
        _issuer.Lifetime = TimeSpan.FromSeconds(60);
        var renewals = new List<string>();
        _certificates.Renewed += (hosts, certificate) => { lock (renewals) { renewals.Add($"{hosts[0]} {certificate.Certificate.SerialNumber}"); } };
        using var first = await EnsureAsync();
        var start = _clock.GetUtcNow();
        _certificates.NextAttempt(Hosts).Should().Be(start.AddSeconds(40));

        using var stop = new CancellationTokenSource();
        var loop = _certificates.RunRenewalsAsync(stop.Token);
        await WaitingUntilAsync(start.AddSeconds(40));
        _clock.Advance(TimeSpan.FromSeconds(40));
        await Eventually.TrueAsync(() => Count(renewals) == 1, "the first renewal");
        _certificates.NextAttempt(Hosts).Should().Be(start.AddSeconds(80));
        await WaitingUntilAsync(start.AddSeconds(80));
        _clock.Advance(TimeSpan.FromSeconds(40));
        await Eventually.TrueAsync(() => Count(renewals) == 2, "the second renewal");

        await stop.CancelAsync();
        await loop.Invoking(l => l).Should().ThrowAsync<OperationCanceledException>();
        renewals.Should().OnlyContain(r => r.StartsWith("notes.stagecraft.test ", StringComparison.Ordinal));
        renewals[0].Should().NotEndWith(first.Certificate.SerialNumber);
        _issuer.Calls.Should().Be(3);
    }

    [Fact]
    public async Task Failed_renewals_are_retried_on_the_backoff_schedule_until_one_succeeds()
    {
        using var first = await EnsureAsync();
        var renewed = 0;
        _certificates.Renewed += (_, _) => Interlocked.Increment(ref renewed);
        _issuer.FailuresLeft = 2;
        using var stop = new CancellationTokenSource();
        var loop = _certificates.RunRenewalsAsync(stop.Token);

        await Eventually.TrueAsync(() => _certificates.WaitingUntil is not null, "the renewal loop to wait");
        _clock.Advance(TimeSpan.FromDays(60));
        await WaitingUntilAsync(_clock.GetUtcNow().AddMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(1));
        await WaitingUntilAsync(_clock.GetUtcNow().AddMinutes(5));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.TrueAsync(() => Volatile.Read(ref renewed) == 1, "the renewal");

        _certificates.NextAttempt(Hosts).Should().Be(_clock.GetUtcNow().AddDays(60), "the next renewal is two thirds into the new certificate");
        _issuer.Calls.Should().Be(4);
        await stop.CancelAsync();
        await loop.Invoking(l => l).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task A_due_certificate_is_kept_while_the_server_fails_but_an_expired_one_is_not()
    {
        using var first = await EnsureAsync();
        _clock.Advance(TimeSpan.FromDays(61));
        _issuer.FailuresLeft = 10;

        using var kept = await EnsureAsync();
        kept.Certificate.SerialNumber.Should().Be(first.Certificate.SerialNumber);
        _certificates.NextAttempt(Hosts).Should().Be(_clock.GetUtcNow().AddMinutes(1));

        _clock.Advance(TimeSpan.FromDays(30));
        var failed = await _certificates.Invoking(c => c.EnsureAsync(Settings, Hosts, CancellationToken.None)).Should().ThrowAsync<AcmeException>();
        failed.Which.ProblemType.Should().Be("urn:ietf:params:acme:error:serverInternal");
    }

    private Task<AcmeCertificate> EnsureAsync() =>
        _certificates.EnsureAsync(Settings, Hosts, CancellationToken.None);

    private static int Count(List<string> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    /// <summary>Moving the fake clock is safe only once the loop's timer exists; before, it would be armed from the new time.</summary>
    private Task WaitingUntilAsync(DateTimeOffset due) =>
        Eventually.TrueAsync(() => _certificates.WaitingUntil == due, $"the renewal loop to wait until {due:O}");
}
