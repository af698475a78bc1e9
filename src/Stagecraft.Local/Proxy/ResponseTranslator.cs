using System.Net.Http.Headers;
using Microsoft.Extensions.Primitives;

namespace Stagecraft.Local.Proxy;

/// <summary>Copies the backend's status and end-to-end headers onto the client response.</summary>
internal static class ResponseTranslator
{
    public static void CopyStatusAndHeaders(HttpResponseMessage source, HttpResponse target, bool isWebSocketUpgrade)
    {
        target.StatusCode = (int)source.StatusCode;
        var headers = target.Headers;
        var hasConnection = source.Headers.NonValidated.TryGetValues("Connection", out var connection);
        Copy(source.Headers.NonValidated, headers, hasConnection, connection, isWebSocketUpgrade);
        Copy(source.Content.Headers.NonValidated, headers, hasConnection, connection, isWebSocketUpgrade);
    }

    private static void Copy(
        HttpHeadersNonValidated source,
        IHeaderDictionary target,
        bool hasConnection,
        HeaderStringValues connection,
        bool isWebSocketUpgrade)
    {
        foreach (var (name, values) in source)
        {
            if (HopByHopHeaders.IsHopByHop(name))
            {
                // A 101 must tell the client which protocol it switched to; Kestrel adds "Connection: Upgrade".
                if (!(isWebSocketUpgrade && name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }
            }
            else if (hasConnection && HopByHopHeaders.IsNamedIn(connection, name))
            {
                continue;
            }

            target[name] = ToStringValues(values);
        }
    }

    private static StringValues ToStringValues(HeaderStringValues values)
    {
        if (values.Count == 1)
        {
            return new StringValues(values.ToString());
        }

        var array = new string[values.Count];
        var i = 0;
        foreach (var value in values)
        {
            array[i++] = value;
        }

        return new StringValues(array);
    }
}
