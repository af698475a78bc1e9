using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Stagecraft.Local.Proxy;

// Host: the backend gets its own host:port (what it binds and may validate), and the client's Host travels in
// X-Forwarded-Host so the app can still build public URLs.

/// <summary>Builds the backend request from the client's request.</summary>
internal static class RequestTranslator
{
    private const string ForwardedFor = "X-Forwarded-For";
    private const string ForwardedProto = "X-Forwarded-Proto";
    private const string ForwardedHost = "X-Forwarded-Host";

    public static HttpRequestMessage Create(HttpContext context, BackendTarget target, bool isWebSocket, bool hasBody, IReadOnlyList<IPNetwork> trustedProxies, CancellationToken cancellation)
    {
        var request = context.Request;
        var extendedConnect = isWebSocket && HttpForwarder.IsExtendedConnectWebSocket(context);
        var message = new HttpRequestMessage
        {
            // A websocket that arrived over HTTP/2 (CONNECT with :protocol) reaches the backend as an HTTP/1.1 upgrade.
            Method = extendedConnect ? HttpMethod.Get : HttpMethod.Parse(request.Method),
            RequestUri = new Uri(target.Prefix + GetTarget(context)),
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };

        if (hasBody)
        {
            message.Content = new StreamingRequestContent(request.BodyReader, request.ContentLength, cancellation);
        }

        CopyHeaders(request.Headers, message, isWebSocket);
        if (isWebSocket)
        {
            // The only hop-by-hop headers that may cross: they ask the backend to switch protocols.
            message.Headers.TryAddWithoutValidation("Connection", "Upgrade");
            message.Headers.TryAddWithoutValidation("Upgrade", "websocket");
            if (extendedConnect && !message.Headers.Contains("Sec-WebSocket-Key"))
            {
                // HTTP/2 websockets carry no key; the backend's HTTP/1.1 handshake needs one (its answer is not passed on).
                message.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
            }
        }

        AddForwardedHeaders(context, message, trustedProxies);
        return message;
    }

    private static string GetTarget(HttpContext context)
    {
        // The raw origin-form target keeps the client's exact encoding of path and query.
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(raw) && raw[0] == '/')
        {
            return raw;
        }

        var request = context.Request;
        return UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString);
    }

    private static void CopyHeaders(IHeaderDictionary headers, HttpRequestMessage message, bool isWebSocket)
    {
        var connection = headers.Connection;
        foreach (var (name, values) in headers)
        {
            if (HopByHopHeaders.IsHopByHop(name)
                || (connection.Count > 0 && HopByHopHeaders.IsNamedIn(connection, name))
                || IsReplaced(name)
                || (isWebSocket && IsWebSocketExtensions(name)))
            {
                continue;
            }

            if (!TryAdd(message.Headers, name, values) && message.Content is not null)
            {
                // Content-* headers belong to the content; the length is already given by the content itself.
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    TryAdd(message.Content.Headers, name, values);
                }
            }
        }
    }

    private static bool TryAdd(System.Net.Http.Headers.HttpHeaders target, string name, StringValues values) =>
        values.Count == 1
            ? target.TryAddWithoutValidation(name, values.ToString())
            : target.TryAddWithoutValidation(name, (IEnumerable<string?>)values);

    // Host is rewritten to the backend's; the X-Forwarded-* trio is rebuilt below.
    private static bool IsReplaced(string name) =>
        name.Equals("Host", StringComparison.OrdinalIgnoreCase)
        || name.Equals(ForwardedFor, StringComparison.OrdinalIgnoreCase)
        || name.Equals(ForwardedProto, StringComparison.OrdinalIgnoreCase)
        || name.Equals(ForwardedHost, StringComparison.OrdinalIgnoreCase);

    // The proxy re-frames websocket messages itself, so no compression extension may be negotiated end to end.
    private static bool IsWebSocketExtensions(string name) =>
        name.Equals("Sec-WebSocket-Extensions", StringComparison.OrdinalIgnoreCase);

    private static void AddForwardedHeaders(HttpContext context, HttpRequestMessage message, IReadOnlyList<IPNetwork> trustedProxies)
    {
        var request = context.Request;
        var peer = context.Connection.RemoteIpAddress;
        var trusted = trustedProxies.Count > 0 && peer is not null && IsTrusted(peer, trustedProxies);
        var clientIp = peer?.IsIPv4MappedToIPv6 == true ? peer.MapToIPv4().ToString() : peer?.ToString();
        var existing = trusted ? request.Headers[ForwardedFor] : default;
        if (clientIp is not null)
        {
            var prior = existing.Count switch
            {
                0 => null,
                1 => existing.ToString(),
                _ => string.Join(", ", existing.ToArray()),
            };
            message.Headers.TryAddWithoutValidation(ForwardedFor, string.IsNullOrWhiteSpace(prior) ? clientIp : prior + ", " + clientIp);
        }
        else if (existing.Count > 0)
        {
            TryAdd(message.Headers, ForwardedFor, existing);
        }

        // A trusted proxy in front terminated the client's connection: its word on scheme and host stands.
        var proto = trusted ? request.Headers[ForwardedProto] : default;
        message.Headers.TryAddWithoutValidation(ForwardedProto, proto.Count == 1 && !string.IsNullOrWhiteSpace(proto[0]) ? proto.ToString() : request.Scheme);
        var host = trusted ? request.Headers[ForwardedHost] : default;
        if (host.Count == 1 && !string.IsNullOrWhiteSpace(host[0]))
        {
            message.Headers.TryAddWithoutValidation(ForwardedHost, host.ToString());
        }
        else if (request.Host.HasValue)
        {
            message.Headers.TryAddWithoutValidation(ForwardedHost, request.Host.Value);
        }
    }

    private static bool IsTrusted(IPAddress peer, IReadOnlyList<IPNetwork> trustedProxies)
    {
        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        foreach (var network in trustedProxies)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
