namespace Stagecraft.Local.Agent.Acme;

/// <summary>The certificate signing request sent to finalize an order: a fresh P-256 key per certificate, every host in the SAN.</summary>
internal static class AcmeCsr
{
    public static byte[] Create(ECDsa certificateKey, IReadOnlyList<string> hosts)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={hosts[0]}"), certificateKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            names.AddDnsName(host);
        }

        request.CertificateExtensions.Add(names.Build());
        return request.CreateSigningRequest();
    }
}
