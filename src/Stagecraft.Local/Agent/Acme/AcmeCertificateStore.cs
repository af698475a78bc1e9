namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// The ACME files in the agent's data, all owner-only (directories 0700, files 0600):
/// <c>accounts/&lt;directory-hash&gt;.pem</c> holds the account key of one ACME directory, and
/// <c>certificates/&lt;first-host&gt;-&lt;hash&gt;/</c> one host set's <c>chain.pem</c>, <c>key.pem</c> and the
/// <c>directory</c> URL it came from (a certificate from another directory is not reused).
/// </summary>
internal sealed class AcmeCertificateStore(string root)
{
    /// <summary>The account key's path; its directories are created owner-only on the way.</summary>
    public string AccountKeyPath(Uri directory) => Path.Combine(Prepare("accounts"), Hash(directory.AbsoluteUri) + ".pem");

    public string FolderOf(IReadOnlyList<string> hosts) => Path.Combine(root, "certificates", $"{Safe(hosts[0])}-{Hash(string.Join('\n', hosts))}");

    /// <summary>Host names as one canonical set: lower case, trimmed, each once, sorted.</summary>
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string> hosts)
    {
        var set = hosts.Select(h => h.Trim().TrimEnd('.').ToLowerInvariant()).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return set.Length > 0 ? set : throw new AcmeException("an ACME certificate needs at least one host name");
    }

    /// <summary>The stored certificate for the host set when it came from <paramref name="directory"/>, else null.</summary>
    public IssuedCertificate? Load(Uri directory, IReadOnlyList<string> hosts)
    {
        var folder = FolderOf(hosts);
        var chain = Path.Combine(folder, "chain.pem");
        var key = Path.Combine(folder, "key.pem");
        var source = Path.Combine(folder, "directory");
        if (!File.Exists(chain) || !File.Exists(key) || !File.Exists(source) || File.ReadAllText(source).Trim() != directory.AbsoluteUri)
        {
            return null;
        }

        var stored = new IssuedCertificate(File.ReadAllText(chain), File.ReadAllText(key));
        try
        {
            using var check = stored.ToCertificate();
            return stored;
        }
        catch (CryptographicException)
        {
            return null; // Damaged by hand: issue a new one.
        }
    }

    public void Save(Uri directory, IReadOnlyList<string> hosts, IssuedCertificate certificate)
    {
        var folder = FolderOf(hosts);
        Prepare("certificates");
        OwnerOnlyWrite.Replace(Path.Combine(folder, "key.pem"), certificate.KeyPem);
        OwnerOnlyWrite.Replace(Path.Combine(folder, "chain.pem"), certificate.ChainPem);
        OwnerOnlyWrite.Replace(Path.Combine(folder, "directory"), directory.AbsoluteUri + "\n");
    }

    // Each level on its own: creating a nested path at once would leave the parents at the default mode.
    private string Prepare(string child)
    {
        OwnerOnly.SetDirectory(root);
        var path = Path.Combine(root, child);
        OwnerOnly.SetDirectory(path);
        return path;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    private static string Safe(string host) => new([.. host.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_')]);
}
