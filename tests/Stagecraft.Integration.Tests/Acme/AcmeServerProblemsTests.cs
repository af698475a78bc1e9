using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent.Acme;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>An ACME server that cannot be reached, and one that refuses half the nonces (pebble with PEBBLE_WFE_NONCEREJECT).</summary>
public sealed class AcmeServerProblemsTests : IClassFixture<NonceRejectingPebble>, IDisposable
{
    private readonly NonceRejectingPebble _pebble;
    private readonly TempDirectory _data = new("stagecraft-acme");

    public AcmeServerProblemsTests(NonceRejectingPebble pebble) => _pebble = pebble;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_unreachable_server_fails_after_a_bounded_number_of_attempts()
    {
        var closed = new Uri($"https://127.0.0.1:{FreePort.Next()}/dir");
        var options = AcmeClientOptions.Default with { NetworkAttempts = 3, NetworkRetryDelay = TimeSpan.FromMilliseconds(10) };
        var certificates = new AcmeCertificates(new AcmeCertificateStore(_data.Path), null, new Http01ChallengeStore(), TimeProvider.System, options: options);

        var failed = await certificates.Invoking(c => c.EnsureAsync(new AcmeSettings(closed, null, null), ["a.stagecraft.test"], CancellationToken.None))
            .Should().ThrowAsync<AcmeException>();

        failed.Which.Message.Should().Contain(closed.AbsoluteUri).And.Contain("could not be reached").And.Contain("after 3 attempts")
            .And.Contain("refused");
        Directory.Exists(_data.Combine("certificates")).Should().BeFalse();
    }

    [Fact]
    public async Task Requests_refused_with_badNonce_are_sent_again_with_the_fresh_nonce()
    {
        // Pebble refuses half of the good nonces; a generous retry budget makes a failed issuance practically
        // impossible, and a few orders make it practically certain that at least one retry happened.
        var options = AcmeClientOptions.Default with { BadNonceRetries = 30, PollInterval = TimeSpan.FromMilliseconds(100) };
        using var key = AcmeAccountKey.Generate();
        using var client = new AcmeClient(_pebble.Settings(), key, _pebble.Responder.Challenges, options, TimeProvider.System);

        for (var order = 0; order < 5 && client.BadNonceRetries == 0; order++)
        {
            var host = $"nonce-{Guid.NewGuid():N}"[..14] + ".stagecraft.test";
            var issued = await client.IssueAsync([host], CancellationToken.None);
            using var certificate = issued.ToCertificate();
            AcmeIssuanceTests.DnsNames(certificate).Should().Equal(host);
        }

        client.BadNonceRetries.Should().BePositive(_pebble.Output());
    }
}
