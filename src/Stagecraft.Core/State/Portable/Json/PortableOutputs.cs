namespace Stagecraft.Core.State.Portable.Json;

/// <summary>
/// Sensitive outputs go out encrypted by the protector, or as **** without one; a value the current
/// protector cannot decrypt reads as **** and the producing stage's next deploy stores it again.
/// </summary>
internal sealed class PortableOutputs(IValueProtector? protector)
{
    private readonly IValueProtector? _protector = protector;

    public Dictionary<string, PortableOutput> Encode(IReadOnlyDictionary<string, OutputValue> outputs)
    {
        var encoded = new Dictionary<string, PortableOutput>(StringComparer.Ordinal);
        foreach (var (name, output) in outputs)
        {
            encoded[name] = !output.Sensitive ? new PortableOutput(output.Value, false, false)
                : _protector is not null && output.Value != SecretMasker.Mask ? new PortableOutput(_protector.Protect(output.Value), true, true)
                : new PortableOutput(SecretMasker.Mask, true, false);
        }

        return encoded;
    }

    public Dictionary<string, OutputValue> Decode(Dictionary<string, PortableOutput> outputs)
    {
        var decoded = new Dictionary<string, OutputValue>(StringComparer.Ordinal);
        foreach (var (name, output) in outputs)
        {
            decoded[name] = !output.Sensitive ? new OutputValue(output.Value)
                : new OutputValue(output.Protected ? Unprotect(output.Value) : SecretMasker.Mask, Sensitive: true);
        }

        return decoded;
    }

    private string Unprotect(string value)
    {
        if (_protector is null)
        {
            return SecretMasker.Mask;
        }

        try
        {
            return _protector.Unprotect(value);
        }
        catch (Exception error) when (error is CryptographicException or FormatException or ArgumentException)
        {
            return SecretMasker.Mask;
        }
    }
}
