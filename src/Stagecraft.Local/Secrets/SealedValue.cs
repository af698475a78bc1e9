namespace Stagecraft.Local.Secrets;

/// <summary>A value sealed by <see cref="SecretBox"/>: its nonce and the ciphertext with the tag appended.</summary>
internal sealed record SealedValue(byte[] Nonce, byte[] CiphertextAndTag);
