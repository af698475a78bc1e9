using System.Buffers;

namespace Stagecraft.Local.Proxy;

/// <summary>Writes the small JSON bodies the proxy answers with when it cannot forward.</summary>
internal static class ProxyErrorWriter
{
    public const string NoHealthyBackend = "no healthy backend";
    public const string BackendUnreachable = "backend unreachable";
    public const string BackendFailed = "backend failed";
    public const string BackendTimeout = "backend timeout";
    public const string Drained = "request cut by drain";

    public static async Task WriteAsync(HttpContext context, int status, string error, string service, string? pool, CancellationToken cancellationToken)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            // Too late for a status line: the only honest signal left is a broken connection.
            context.Abort();
            return;
        }

        var body = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("error", error);
            json.WriteString("service", service);
            if (pool is not null)
            {
                json.WriteString("pool", pool);
            }

            json.WriteEndObject();
        }

        response.Clear();
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.WrittenCount;
        response.Headers.CacheControl = "no-store";
        await response.Body.WriteAsync(body.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }
}
