namespace Stagecraft.Local.Agent.Acme;

/// <summary>An ACME problem document (RFC 8555 section 6.7): type, detail and per-identifier subproblems.</summary>
internal sealed record AcmeProblem(string? Type, string? Detail, int? Status, IReadOnlyList<AcmeSubproblem> Subproblems)
{
    public const string Namespace = "urn:ietf:params:acme:error:";
    public const string BadNonce = Namespace + "badNonce";

    public bool Is(string type) => string.Equals(Type, type, StringComparison.Ordinal);

    /// <summary>The problem from a JSON element (a response body or an authorization's challenge error); null when it is none.</summary>
    public static AcmeProblem? From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var subproblems = new List<AcmeSubproblem>();
        if (element.TryGetProperty("subproblems", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var sub in list.EnumerateArray())
            {
                var identifier = sub.TryGetProperty("identifier", out var id) ? Text(id, "value") : null;
                subproblems.Add(new AcmeSubproblem(identifier, Text(sub, "type"), Text(sub, "detail")));
            }
        }

        int? status = element.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : null;
        return new AcmeProblem(Text(element, "type"), Text(element, "detail"), status, subproblems);
    }

    public static AcmeProblem? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return From(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An exception whose message leads with <paramref name="what"/> and carries the whole problem.</summary>
    public AcmeException ToException(string what)
    {
        var message = $"{what}: {Type ?? "(no problem type)"}" + (Detail is { Length: > 0 } ? $": {Detail}" : "");
        foreach (var sub in Subproblems)
        {
            message += $"; {sub.Identifier ?? "?"}: {sub.Type} {sub.Detail}".TrimEnd();
        }

        return new AcmeException(message, Type, Detail, Subproblems);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
