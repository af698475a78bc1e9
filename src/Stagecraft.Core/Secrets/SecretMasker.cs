namespace Stagecraft.Core.Secrets;

/// <summary>
/// Replaces every known secret value with **** in text about to be shown or written.
/// Values are registered as they are resolved; longer values are replaced first so a secret
/// that contains another is hidden whole.
/// </summary>
public sealed class SecretMasker
{
    public const string Mask = "****";
    private const int MinimumLength = 3;
    private readonly object _gate = new();
    private string[] _values = [];

    public bool IsEmpty => _values.Length == 0;

    public void Add(string value)
    {
        if (value.Length < MinimumLength)
        {
            return;
        }

        lock (_gate)
        {
            var variants = new[] { value, Uri.EscapeDataString(value) };
            _values = _values.Union(variants).OrderByDescending(v => v.Length).ToArray();
        }
    }

    public string Apply(string text)
    {
        var values = _values;
        if (values.Length == 0 || string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var value in values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
