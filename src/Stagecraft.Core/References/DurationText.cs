using System.Text.RegularExpressions;

namespace Stagecraft.Core.References;

/// <summary>Parses durations as operators write them: 500ms, 2s, 5m, 1h, 1m30s (a bare number is seconds).</summary>
public static partial class DurationText
{
    /// <summary>The longest duration accepted: beyond it a number is a typo, and TimeSpan would overflow.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(400);

    public static TimeSpan? TryParse(string text)
    {
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 && seconds <= Longest.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
        }

        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var unitSeconds = match.Groups[2].Value switch
            {
                "ms" => 0.001,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                _ => 0,
            };
            if (amount * unitSeconds > Longest.TotalSeconds - total.TotalSeconds)
            {
                return null;
            }

            total += TimeSpan.FromSeconds(amount * unitSeconds);
        }

        return total;
    }

    public static string Format(TimeSpan value) => value.TotalMilliseconds switch
    {
        < 1000 => $"{value.TotalMilliseconds:0}ms",
        < 60_000 => $"{value.TotalSeconds:0.#}s",
        < 3_600_000 => $"{(int)value.TotalMinutes}m{value.Seconds:00}s",
        _ => $"{(int)value.TotalHours}h{value.Minutes:00}m",
    };

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
