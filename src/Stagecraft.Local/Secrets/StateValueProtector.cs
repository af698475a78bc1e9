namespace Stagecraft.Local.Secrets;

/// <summary>
/// Encrypts sensitive outputs for the state store with the environment key (its own HKDF sub-key,
/// bound to project and environment). The key is read only when a sensitive value is actually met.
/// Format: "enc:v1:" + base64(nonce ‖ ciphertext ‖ tag).
/// </summary>
internal sealed class StateValueProtector(EnvironmentKeySource keys, string project, string environment) : IValueProtector
{
    private const string Prefix = "enc:v1:";
    private readonly byte[] _associatedData = Encoding.UTF8.GetBytes($"state\0{project}\0{environment}");

    public string Protect(string plaintext)
    {
        var key = keys.Load("store a sensitive output in state");
        var sealedValue = key.Box("state").Seal(Encoding.UTF8.GetBytes(plaintext), _associatedData);
        return Prefix + Convert.ToBase64String([.. sealedValue.Nonce, .. sealedValue.CiphertextAndTag]);
    }

    public string Unprotect(string protectedValue)
    {
        if (!protectedValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new StagecraftException("a sensitive output in state is not in a format this version of stagecraft can read", ExitCodes.InvalidInput);
        }

        var key = keys.Load("read a sensitive output from state");
        try
        {
            var bytes = Convert.FromBase64String(protectedValue[Prefix.Length..]);
            var value = new SealedValue(bytes[..SecretBox.NonceSize], bytes[SecretBox.NonceSize..]);
            return Encoding.UTF8.GetString(key.Box("state").Open(value, _associatedData));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            throw new StagecraftException($"a sensitive output in state cannot be decrypted with the key from {key.Source}: the key is wrong or the state was altered",
                ExitCodes.InvalidInput, "use the key the environment was deployed with");
        }
    }
}
