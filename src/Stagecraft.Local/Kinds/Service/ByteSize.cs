using System.Text.RegularExpressions;

namespace Stagecraft.Local.Kinds.Service;

/// <summary>Sizes as operators write them: 1048576, 512KB, 10MB, 1GB (powers of 1024).</summary>
internal static partial class ByteSize
{
    public static long? TryParse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        var factor = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "KB" or "K" => 1024L,
            "MB" or "M" => 1024L * 1024,
            "GB" or "G" => 1024L * 1024 * 1024,
            _ => 1L,
        };
        return amount * factor;
    }

    [GeneratedRegex("^([0-9]+)\\s*(B|K|KB|M|MB|G|GB)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
