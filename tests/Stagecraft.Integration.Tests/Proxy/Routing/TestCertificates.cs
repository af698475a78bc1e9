using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Stagecraft.Integration.Tests.Proxy.Routing;

/// <summary>Self-signed certificates made with .NET's CertificateRequest, written as PEM files.</summary>
internal static class TestCertificates
{
    /// <summary>Writes NAME.crt and NAME.key for the DNS names given; returns the paths and the certificate.</summary>
    public static (string Certificate, string Key, X509Certificate2 Made) WritePem(string directory, string name, params string[] dnsNames)
    {
        var made = Create(dnsNames);
        var certificate = Path.Combine(directory, name + ".crt");
        var key = Path.Combine(directory, name + ".key");
        File.WriteAllText(certificate, made.ExportCertificatePem());
        File.WriteAllText(key, made.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificate, key, made);
    }

    public static X509Certificate2 Create(params string[] dnsNames)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            san.AddDnsName(name);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
