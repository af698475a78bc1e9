namespace Stagecraft.Core.Parameters;

/// <summary>One parameter as the store returns it; a secure value is decrypted but must be shown as ****.</summary>
public sealed record Parameter(string Name, string Value, bool Secure, DateTimeOffset UpdatedAt)
{
    public string Display => Secure ? Secrets.SecretMasker.Mask : Value;

    public override string ToString() => $"{Name} = {Display}";
}
