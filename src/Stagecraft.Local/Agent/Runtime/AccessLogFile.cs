using System.Buffers;

namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// A service's access log: one JSON object per request (time, client, method, host, path without the query,
/// protocol, status, duration, release), in an owner-only file rotated by size like the instance logs.
/// The query string is left out: tokens travel in it.
/// </summary>
internal sealed class AccessLogFile(string path, long maxBytes, int keep, TimeProvider time) : IAccessLog, IDisposable
{
    private readonly RotatingLog _log = new RotatingLog(path, maxBytes, keep, time);
    private readonly TimeProvider _time = time;

    public string Path => _log.Path;

    public void Write(HttpContext context, string? pool, TimeSpan elapsed)
    {
        var request = context.Request;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("client", context.Connection.RemoteIpAddress?.ToString());
            json.WriteString("method", request.Method);
            json.WriteString("host", request.Host.Value);
            json.WriteString("path", request.Path.Value);
            json.WriteString("protocol", request.Protocol);
            json.WriteNumber("status", context.Response.StatusCode);
            json.WriteNumber("ms", Math.Round(elapsed.TotalMilliseconds, 1));
            json.WriteString("release", pool);
            json.WriteEndObject();
        }

        _log.WriteRaw(buffer.WrittenSpan);
    }

    public void Dispose() => _log.Dispose();
}
