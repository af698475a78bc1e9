namespace Stagecraft.Local.Agent.Acme;

/// <summary>What the ACME server answered to one request: status, Location, Retry-After and the body.</summary>
internal sealed record AcmeResponse(HttpStatusCode Status, Uri? Location, TimeSpan? RetryAfter, string Body)
{
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new AcmeException($"the ACME server answered {(int)Status} with a body that is not JSON ({ex.Message})");
        }
    }

    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static Uri RequiredUrl(JsonElement element, string name, string what) =>
        Uri.TryCreate(Text(element, name), UriKind.Absolute, out var url) ? url : throw new AcmeException($"the ACME server's {what} has no '{name}' URL");
}
