namespace Stagecraft.Core.State;

/// <summary>
/// How a <see cref="StageProcess"/> is kept in a store's stage data: under its stage, with a key of
/// its own prefix, so no store needs a new table or document field (and an older Stagecraft reading
/// the state ignores it).
/// </summary>
public static class StageProcessData
{
    public const string KeyPrefix = "stagecraft.process/";

    public static string Key(StageProcess process) =>
        string.Create(CultureInfo.InvariantCulture, $"{KeyPrefix}{process.Host}/{process.Pid}/{process.StartTime}");

    public static bool IsProcessKey(string key) => key.StartsWith(KeyPrefix, StringComparison.Ordinal);

    public static string Encode(StageProcess process) => JsonSerializer.Serialize(process, Options);

    /// <summary>The entry, or null when the value is not one (written by hand, or by a later format).</summary>
    public static StageProcess? Decode(string stage, string value)
    {
        try
        {
            var process = JsonSerializer.Deserialize<StageProcess>(value, Options);
            return process is null ? null : process with { Stage = stage };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
