using Microsoft.Extensions.Time.Testing;
using Stagecraft.Local.Agent.Acme;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>One real renewal: pebble issues 90-second certificates; the renewal loop's clock is a fake set to now.</summary>
public sealed class AcmeRenewalTests : IClassFixture<ShortLivedPebble>, IDisposable
{
    private readonly ShortLivedPebble _pebble;
    private readonly TempDirectory _data = new("stagecraft-acme");

    public AcmeRenewalTests(ShortLivedPebble pebble) => _pebble = pebble;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_short_lived_certificate_is_renewed_at_two_thirds_of_its_lifetime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new AcmeCertificateStore(_data.Path);
        var options = AcmeClientOptions.Default with { PollInterval = TimeSpan.FromMilliseconds(100) };
        // ACME polling waits in real time; only the renewal decision runs on the fake clock.
        var issuer = new AcmeIssuer(store, _pebble.Responder.Challenges, options, TimeProvider.System);
        var certificates = new AcmeCertificates(store, issuer, _pebble.Responder.Challenges, clock);
        var hosts = new[] { $"short-{Guid.NewGuid():N}"[..14] + ".stagecraft.test" };
        var renewed = new TaskCompletionSource<(IReadOnlyList<string> Hosts, string Serial)>(TaskCreationOptions.RunContinuationsAsynchronously);
        certificates.Renewed += (set, certificate) => renewed.TrySetResult((set, certificate.Certificate.SerialNumber));

        using var served = await certificates.EnsureAsync(_pebble.Settings(), hosts, CancellationToken.None);
        var first = served.Certificate;
        var lifetime = first.NotAfter - first.NotBefore;
        lifetime.Should().BeLessThan(TimeSpan.FromMinutes(2), "pebble was configured for short-lived certificates");
        var due = RenewalSchedule.DueAt(first.NotBefore, first.NotAfter);
        certificates.NextAttempt(hosts).Should().Be(due);

        using var stop = new CancellationTokenSource();
        var loop = certificates.RunRenewalsAsync(stop.Token);
        clock.SetUtcNow(due);
        var (renewedHosts, serial) = await renewed.Task.Within(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await loop.Invoking(l => l).Should().ThrowAsync<OperationCanceledException>();

        renewedHosts.Should().Equal(hosts);
        serial.Should().NotBe(first.SerialNumber);
        using var stored = store.Load(_pebble.Directory, hosts)!.ToCertificate();
        stored.SerialNumber.Should().Be(serial, "the renewed certificate is the stored one now");
    }
}

/// <summary>Pebble issuing certificates valid for 90 seconds.</summary>
public sealed class ShortLivedPebble : PebbleServer
{
    protected override TimeSpan CertificateValidity => TimeSpan.FromSeconds(90);
}
