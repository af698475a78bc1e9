using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Stagecraft.Local.Agent.Acme;

/// <summary>
/// The flattened JWS every ACME POST carries (RFC 8555 section 6.2): ES256, the nonce and URL in the protected
/// header, and the account's <c>jwk</c> until it has an account URL, its <c>kid</c> after.
/// </summary>
internal static class AcmeJws
{
    /// <param name="payload">The request's JSON, or null for POST-as-GET (an empty payload).</param>
    public static string Sign(AcmeAccountKey key, Uri url, string nonce, string? accountUrl, JsonNode? payload)
    {
        var header = new JsonObject { ["alg"] = "ES256", ["nonce"] = nonce, ["url"] = url.AbsoluteUri };
        if (accountUrl is null)
        {
            header["jwk"] = key.Jwk();
        }
        else
        {
            header["kid"] = accountUrl;
        }

        var protectedPart = Encode(header.ToJsonString());
        var payloadPart = payload is null ? "" : Encode(payload.ToJsonString());
        var signature = key.Sign(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        return new JsonObject
        {
            ["protected"] = protectedPart,
            ["payload"] = payloadPart,
            ["signature"] = Base64Url.EncodeToString(signature),
        }.ToJsonString();
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
