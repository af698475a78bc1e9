using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// The ACME account's key: ECDSA P-256, signing ES256. Kept as a PKCS#8 PEM file only its owner can read,
/// so the agent reuses one account per ACME directory instead of registering a new one for every order.
/// </summary>
internal sealed class AcmeAccountKey : IDisposable
{
    private readonly ECDsa _key;

    private AcmeAccountKey(ECDsa key)
    {
        _key = key;
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        X = Base64Url.EncodeToString(point.X);
        Y = Base64Url.EncodeToString(point.Y);
        Thumbprint = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJwk)));
    }

    /// <summary>RFC 7638 thumbprint (base64url of SHA-256 over the canonical JWK), the second half of a key authorization.</summary>
    public string Thumbprint { get; }

    private string X { get; }

    private string Y { get; }

    // RFC 7638: the required members only, in lexicographic order, no whitespace.
    private string CanonicalJwk => $$"""{"crv":"P-256","kty":"EC","x":"{{X}}","y":"{{Y}}"}""";

    public static AcmeAccountKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>The key stored at <paramref name="path"/>, or a new one written there (0600) when there is none.</summary>
    public static AcmeAccountKey LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(File.ReadAllText(path));
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                key.Dispose();
                throw new AcmeException($"the ACME account key {path} is not a PEM EC private key ({ex.Message}); move it away to register a new account");
            }

            return new AcmeAccountKey(key);
        }

        var created = Generate();
        OwnerOnlyWrite.Replace(path, created._key.ExportPkcs8PrivateKeyPem());
        return created;
    }

    public JsonObject Jwk() => new() { ["crv"] = "P-256", ["kty"] = "EC", ["x"] = X, ["y"] = Y };

    /// <summary>The key authorization for an HTTP-01 token (RFC 8555 section 8.1).</summary>
    public string KeyAuthorization(string token) => token + "." + Thumbprint;

    /// <summary>ES256: r and s as two fixed 32-byte halves, which is what JWS expects.</summary>
    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
