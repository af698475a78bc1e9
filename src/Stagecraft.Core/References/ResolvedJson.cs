using System.Text.Json.Nodes;

namespace Stagecraft.Core.References;

/// <summary>
/// Stores resolved settings in state so a stage removed from the file can still be destroyed.
/// Secret values are written as **** and never stored.
/// </summary>
public static class ResolvedJson
{
    public static string Write(ResolvedNode node) => ToJson(node)?.ToJsonString() ?? "null";

    public static ResolvedMap ReadMap(string json) =>
        FromJson(JsonNode.Parse(json)) as ResolvedMap ?? ResolvedMap.Empty;

    private static JsonNode? ToJson(ResolvedNode node) => node switch
    {
        ResolvedScalar scalar => JsonValue.Create(scalar.Sensitive ? Secrets.SecretMasker.Mask : scalar.Value),
        ResolvedList list => new JsonArray(list.Items.Select(ToJson).ToArray()),
        ResolvedMap map => new JsonObject(map.Entries.Select(e => new KeyValuePair<string, JsonNode?>(e.Key, ToJson(e.Value)))),
        _ => null,
    };

    private static ResolvedNode FromJson(JsonNode? node) => node switch
    {
        JsonArray array => new ResolvedList(array.Select(FromJson).ToList(), SourceLocation.None),
        JsonObject obj => new ResolvedMap(obj.Select(p => new KeyValuePair<string, ResolvedNode>(p.Key, FromJson(p.Value))).ToList(), SourceLocation.None),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => new ResolvedScalar(value.GetValue<string>(), false, SourceLocation.None),
        null => new ResolvedScalar("", false, SourceLocation.None),
        _ => new ResolvedScalar(node.ToJsonString(), false, SourceLocation.None),
    };
}
