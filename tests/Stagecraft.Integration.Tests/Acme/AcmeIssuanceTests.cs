using Stagecraft.Host.Files;
using System.Security.Cryptography.X509Certificates;
using Stagecraft.Integration.Tests.Support;
using Stagecraft.Local.Agent.Acme;
using Stagecraft.Local.Files;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>The ACME client against a real pebble: account, order, HTTP-01, finalize, download, storage.</summary>
public sealed class AcmeIssuanceTests : IClassFixture<Pebble>, IDisposable
{
    private readonly Pebble _pebble;
    private readonly TempDirectory _data = new("stagecraft-acme");

    public AcmeIssuanceTests(Pebble pebble) => _pebble = pebble;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Issues_a_certificate_for_the_hosts_over_http01_and_stores_it_owner_only()
    {
        var hosts = new[] { $"notes-{Unique()}.stagecraft.test", $"www.notes-{Unique()}.stagecraft.test" };
        var certificates = new AcmeCertificates(_data.Path, _pebble.Responder.Challenges, TimeProvider.System);

        using var issued = await certificates.EnsureAsync(_pebble.Settings(), hosts, CancellationToken.None);
        var certificate = issued.Certificate;

        certificate.HasPrivateKey.Should().BeTrue();
        DnsNames(certificate).Should().BeEquivalentTo(hosts);
        _pebble.Responder.Served.Should().Contain(s => s.StartsWith(hosts[0] + " ", StringComparison.Ordinal))
            .And.Contain(s => s.StartsWith(hosts[1] + " ", StringComparison.Ordinal));
        _pebble.Responder.Challenges.TryGet(_pebble.Responder.Served.First().Split(' ')[1], out _).Should().BeFalse("answered challenges are removed");

        var stored = new AcmeCertificateStore(_data.Path);
        var folder = stored.FolderOf(AcmeCertificateStore.Normalize(hosts));
        var chainPem = await File.ReadAllTextAsync(Path.Combine(folder, "chain.pem"));
        await VerifyChainsToPebbleAsync(chainPem);
        foreach (var file in Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories))
        {
            OwnerOnly.ModeText(file).Should().Be("0600", file);
        }

        foreach (var directory in Directory.EnumerateDirectories(_data.Path, "*", SearchOption.AllDirectories))
        {
            OwnerOnly.ModeText(directory).Should().Be("0700", directory);
        }

        var served = _pebble.Responder.Served.Count;
        using var again = await new AcmeCertificates(_data.Path, _pebble.Responder.Challenges, TimeProvider.System)
            .EnsureAsync(_pebble.Settings(), [.. hosts.Reverse()], CancellationToken.None);
        again.Certificate.SerialNumber.Should().Be(certificate.SerialNumber, "a stored certificate that is not due is reused, after a restart too");
        _pebble.Responder.Served.Count.Should().Be(served, "no new order was placed");
    }

    [Fact]
    public async Task The_stored_account_key_is_reused_for_the_same_account()
    {
        var keyPath = _data.Combine("accounts", "account.pem");
        using var key = AcmeAccountKey.LoadOrCreate(keyPath);
        using var client = new AcmeClient(_pebble.Settings(), key, new Http01ChallengeStore(), AcmeClientOptions.Default, TimeProvider.System);
        var account = await client.AccountAsync(CancellationToken.None);

        using var reloaded = AcmeAccountKey.LoadOrCreate(keyPath);
        using var sameKeyClient = new AcmeClient(_pebble.Settings(), reloaded, new Http01ChallengeStore(), AcmeClientOptions.Default, TimeProvider.System);
        using var otherKey = AcmeAccountKey.Generate();
        using var otherClient = new AcmeClient(_pebble.Settings(), otherKey, new Http01ChallengeStore(), AcmeClientOptions.Default, TimeProvider.System);

        reloaded.Thumbprint.Should().Be(key.Thumbprint);
        (await sameKeyClient.AccountAsync(CancellationToken.None)).Should().Be(account);
        (await otherClient.AccountAsync(CancellationToken.None)).Should().NotBe(account);
        OwnerOnly.ModeText(keyPath).Should().Be("0600");
    }

    [Fact]
    public async Task A_refused_order_carries_the_servers_problem_document()
    {
        var certificates = new AcmeCertificates(_data.Path, _pebble.Responder.Challenges, TimeProvider.System);

        var refused = await certificates.Invoking(c => c.EnsureAsync(_pebble.Settings(), [PebbleServer.BlockedHost], CancellationToken.None))
            .Should().ThrowAsync<AcmeException>();

        refused.Which.ProblemType.Should().Be("urn:ietf:params:acme:error:rejectedIdentifier");
        refused.Which.ProblemDetail.Should().NotBeNullOrEmpty();
        refused.Which.Message.Should().Contain(PebbleServer.BlockedHost).And.Contain("rejectedIdentifier");
        Directory.Exists(_data.Combine("certificates")).Should().BeFalse("nothing is stored for a refused order");
    }

    [Fact]
    public async Task A_challenge_answered_wrongly_fails_with_the_validation_problem()
    {
        var host = $"wrong-{Unique()}.stagecraft.test";
        // The client puts its answers into a store nobody serves, so pebble's validation gets 404.
        var certificates = new AcmeCertificates(_data.Path, new Http01ChallengeStore(), TimeProvider.System);

        var refused = await certificates.Invoking(c => c.EnsureAsync(_pebble.Settings(), [host], CancellationToken.None))
            .Should().ThrowAsync<AcmeException>();

        refused.Which.ProblemType.Should().StartWith("urn:ietf:params:acme:error:");
        refused.Which.ProblemDetail.Should().NotBeNullOrEmpty();
        refused.Which.Message.Should().Contain(host).And.Contain("HTTP-01");
    }

    [Fact]
    public async Task A_directory_served_by_a_CA_outside_the_bundle_is_refused()
    {
        using var otherCa = new TestCertificateAuthority("Some other CA");
        var bundle = _data.Write("other-ca.pem", otherCa.Pem);
        var certificates = new AcmeCertificates(_data.Path, _pebble.Responder.Challenges, TimeProvider.System);

        var refused = await certificates.Invoking(c => c.EnsureAsync(_pebble.Settings() with { CaBundlePath = bundle }, ["a.stagecraft.test"], CancellationToken.None))
            .Should().ThrowAsync<AcmeException>();

        refused.Which.Message.Should().Contain(_pebble.Directory.AbsoluteUri).And.Contain("not trusted").And.Contain("ca_bundle");
    }

    private async Task VerifyChainsToPebbleAsync(string chainPem)
    {
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(chainPem);
        chain.Count.Should().BeGreaterThan(1, "the download is the leaf and its issuing CA");
        using var root = await _pebble.RootAsync();
        using var verify = new X509Chain();
        verify.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        verify.ChainPolicy.CustomTrustStore.Add(root);
        verify.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        verify.ChainPolicy.ExtraStore.AddRange(chain);
        verify.Build(chain[0]).Should().BeTrue(string.Join("; ", verify.ChainStatus.Select(s => s.StatusInformation)));
    }

    internal static IReadOnlyList<string> DnsNames(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToArray();

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
