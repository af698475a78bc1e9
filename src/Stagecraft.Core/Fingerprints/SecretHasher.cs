namespace Stagecraft.Core.Fingerprints;

/// <summary>
/// A keyed HMAC stands in for a secret wherever its identity matters (fingerprints, manifests):
/// a bare hash of a short secret could be brute-forced offline from the state file.
/// </summary>
public sealed class SecretHasher(byte[] key)
{
    public string Protect(string value) =>
        "hmac:" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)))[..32];
}
