namespace Stagecraft.Local.Agent.Acme;

/// <summary>The URLs an ACME server's directory names (RFC 8555 section 7.1.1).</summary>
internal sealed record AcmeDirectory(Uri NewNonce, Uri NewAccount, Uri NewOrder)
{
    public static AcmeDirectory Parse(Uri directory, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return new AcmeDirectory(Url(root, "newNonce"), Url(root, "newAccount"), Url(root, "newOrder"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or UriFormatException)
        {
            throw new AcmeException($"{directory} is not an ACME directory ({ex.Message}): check tls.acme.directory");
        }
    }

    private static Uri Url(JsonElement root, string name) => new(root.GetProperty(name).GetString() ?? throw new KeyNotFoundException($"no '{name}'"));
}
