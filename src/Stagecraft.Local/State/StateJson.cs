using Stagecraft.Core.Fingerprints;

namespace Stagecraft.Local.State;

/// <summary>The JSON columns other than outputs: the fingerprint manifest and depends_on.</summary>
internal static class StateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? EncodeManifest(FingerprintManifest? manifest) =>
        manifest is null ? null : JsonSerializer.Serialize(manifest, Options);

    public static FingerprintManifest? DecodeManifest(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<FingerprintManifest>(json, Options);

    public static string EncodeList(IReadOnlyList<string> items) => JsonSerializer.Serialize(items, Options);

    public static IReadOnlyList<string> DecodeList(string json) => JsonSerializer.Deserialize<List<string>>(json, Options) ?? [];
}
