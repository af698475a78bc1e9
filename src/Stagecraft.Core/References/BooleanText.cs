namespace Stagecraft.Core.References;

public static class BooleanText
{
    public static bool? TryParse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };
}
