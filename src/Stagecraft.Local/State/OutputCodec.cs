namespace Stagecraft.Local.State;

/// <summary>
/// Outputs as JSON: <c>{"name": {"value": "…", "sensitive": true, "protected": true}}</c>. A sensitive
/// value is written encrypted by the protector, or as **** when there is none; never in the clear.
/// </summary>
internal sealed class OutputCodec(IValueProtector? protector)
{
    private readonly IValueProtector? _protector = protector;

    public string Encode(IReadOnlyDictionary<string, OutputValue> outputs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, output) in outputs)
            {
                json.WriteStartObject(name);
                if (!output.Sensitive)
                {
                    json.WriteString("value", output.Value);
                }
                else if (_protector is not null)
                {
                    json.WriteString("value", _protector.Protect(output.Value));
                    json.WriteBoolean("sensitive", true);
                    json.WriteBoolean("protected", true);
                }
                else
                {
                    json.WriteString("value", SecretMasker.Mask);
                    json.WriteBoolean("sensitive", true);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public Dictionary<string, OutputValue> Decode(string text)
    {
        using var document = JsonDocument.Parse(text);
        var outputs = new Dictionary<string, OutputValue>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value.GetProperty("value").GetString() ?? "";
            var sensitive = Flag(property.Value, "sensitive");
            outputs[property.Name] = sensitive
                ? new OutputValue(Flag(property.Value, "protected") ? Unprotect(value) : SecretMasker.Mask, Sensitive: true)
                : new OutputValue(value);
        }

        return outputs;
    }

    private static bool Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;

    /// <summary>
    /// Without the protector that wrote it (none configured now, or its key changed) the value is
    /// unrecoverable; it reads as **** like one stored without a protector, and redeploying the
    /// producing stage stores it again.
    /// </summary>
    private string Unprotect(string protectedValue)
    {
        if (_protector is null)
        {
            return SecretMasker.Mask;
        }

        try
        {
            return _protector.Unprotect(protectedValue);
        }
        catch (Exception error) when (error is System.Security.Cryptography.CryptographicException or FormatException or ArgumentException)
        {
            return SecretMasker.Mask;
        }
    }
}
