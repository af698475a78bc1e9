namespace Stagecraft.Aws.Cli;

/// <summary>Small readers for the CLI's JSON, tolerant of missing properties.</summary>
internal static class Json
{
    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            }
            : null;

    public static JsonElement? Property(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static IEnumerable<JsonElement> Array(JsonElement element, string property) =>
        Property(element, property) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
