namespace Stagecraft.Core.Fingerprints;

/// <summary>Hashes each top-level setting as written (before references), to name what was edited.</summary>
public static class RawSettingsHasher
{
    public static IReadOnlyDictionary<string, string> Hash(ConfigMap settings)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in settings.Entries)
        {
            var text = new StringBuilder();
            Append(text, entry.Value);
            result[entry.Key] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
        }

        return result;
    }

    private static void Append(StringBuilder text, ConfigNode node)
    {
        switch (node)
        {
            case ConfigScalar scalar:
                text.Append('"').Append(scalar.Text.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case ConfigList list:
                text.Append('[');
                foreach (var item in list.Items)
                {
                    Append(text, item);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case ConfigMap map:
                text.Append('{');
                foreach (var entry in map.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    text.Append(entry.Key).Append(':');
                    Append(text, entry.Value);
                    text.Append(',');
                }

                text.Append('}');
                break;
        }
    }
}
