using System.Collections.Frozen;
using System.Net.Http.Headers;
using Microsoft.Extensions.Primitives;

namespace Stagecraft.Local.Proxy;

/// <summary>Headers that describe one connection and so must not cross the proxy (RFC 9110 §7.6.1).</summary>
/// <remarks>
/// Known gap: when a request's Connection value holds exactly one option Kestrel knows (keep-alive, close or
/// upgrade) plus extension tokens, Kestrel replaces the whole value with that option before the proxy sees
/// it, so headers named only by those tokens cannot be recognised and are forwarded.
/// </remarks>
internal static class HopByHopHeaders
{
    private static readonly FrozenSet<string> Names = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "Connection",
        "Keep-Alive",
        "Proxy-Connection",
        "TE",
        "Trailer",
        "Transfer-Encoding",
        "Upgrade");

    public static bool IsHopByHop(string name) => Names.Contains(name);

    /// <summary>True when <paramref name="name"/> is listed as a token of a Connection header value.</summary>
    public static bool IsNamedIn(StringValues connectionValues, string name)
    {
        foreach (var value in connectionValues)
        {
            if (value is not null && ContainsToken(value, name))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsNamedIn(HeaderStringValues connectionValues, string name)
    {
        foreach (var value in connectionValues)
        {
            if (ContainsToken(value, name))
            {
                return true;
            }
        }

        return false;
    }

    public static bool ContainsToken(string commaList, string token)
    {
        var rest = commaList.AsSpan();
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf(',');
            var item = (comma < 0 ? rest : rest[..comma]).Trim();
            if (item.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            rest = comma < 0 ? default : rest[(comma + 1)..];
        }

        return false;
    }
}
