namespace Stagecraft.Local.Secrets;

/// <summary>
/// An environment's 32-byte secret key and where it came from. Each use (secrets, parameters,
/// state) gets its own sub-key through HKDF, so a value sealed for one can never be opened as another.
/// </summary>
internal sealed class EnvironmentKey
{
    public const int Length = 32;
    private readonly byte[] _material;

    public EnvironmentKey(byte[] material, string source)
    {
        if (material.Length != Length)
        {
            throw new ArgumentException($"a key has {Length} bytes", nameof(material));
        }

        _material = material;
        Source = source;
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(material, "stagecraft/key-id"u8))[..16];
    }

    /// <summary>"the environment variable STAGECRAFT_SECRET_KEY" or "the key file /home/…/x.key".</summary>
    public string Source { get; }

    /// <summary>A non-secret identifier of the key, stored beside what it sealed to detect a wrong key clearly.</summary>
    public string Id { get; }

    public SecretBox Box(string purpose) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, _material, Length, salt: [], info: Encoding.UTF8.GetBytes("stagecraft/" + purpose)));
}
