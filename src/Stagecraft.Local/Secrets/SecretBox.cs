namespace Stagecraft.Local.Secrets;

/// <summary>
/// AES-256-GCM with a random 96-bit nonce per value. The associated data binds a ciphertext to
/// where it belongs (project, environment, name): moved elsewhere, it no longer opens.
/// </summary>
internal sealed class SecretBox(byte[] key)
{
    public const int NonceSize = 12;
    public const int TagSize = 16;
    private readonly byte[] _key = key;

    public SealedValue Seal(byte[] plaintext, byte[] associatedData)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var sealedBytes = new byte[plaintext.Length + TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), associatedData);
        return new SealedValue(nonce, sealedBytes);
    }

    /// <summary>Throws <see cref="AuthenticationTagMismatchException"/> for a wrong key or a tampered value.</summary>
    public byte[] Open(SealedValue value, byte[] associatedData)
    {
        if (value.Nonce.Length != NonceSize || value.CiphertextAndTag.Length < TagSize)
        {
            throw new CryptographicException("the stored value is damaged");
        }

        var length = value.CiphertextAndTag.Length - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(value.Nonce, value.CiphertextAndTag.AsSpan(0, length), value.CiphertextAndTag.AsSpan(length), plaintext, associatedData);
        return plaintext;
    }
}
