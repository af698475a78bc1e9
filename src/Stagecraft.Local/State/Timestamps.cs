namespace Stagecraft.Local.State;

/// <summary>Times are stored as round-trip ISO-8601 UTC text, which also sorts chronologically.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;

    public static DateTimeOffset Parse(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateTimeOffset? ParseOptional(string? text) => text is null ? null : Parse(text);
}
