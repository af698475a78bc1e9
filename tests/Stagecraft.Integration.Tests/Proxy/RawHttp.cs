using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Stagecraft.Integration.Tests.Proxy;

/// <summary>
/// Byte-exact HTTP/1.1 over a plain socket, for what HttpClient will not send or hides (hop-by-hop
/// headers, chunked uploads, abrupt disconnects).
/// </summary>
internal sealed class RawHttp : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawHttp(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    public static async Task<RawHttp> ConnectAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint);
        return new RawHttp(socket);
    }

    public async Task SendAsync(string text) => await _stream.WriteAsync(Encoding.ASCII.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal)));

    /// <summary>Reads one response with a Content-Length body.</summary>
    public async Task<RawResponse> ReadResponseAsync()
    {
        var (status, headers) = await ReadHeadAsync();
        var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value) : 0;
        var body = new byte[length];
        await _stream.ReadExactlyAsync(body);
        return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    /// <summary>Reads a response's status line and headers, leaving the body unread.</summary>
    public async Task<(int Status, Dictionary<string, string> Headers)> ReadHeadAsync()
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(one) == 0)
            {
                throw new IOException("Connection closed before the response head ended.");
            }

            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p[1].Trim())), StringComparer.OrdinalIgnoreCase);
        return (status, headers);
    }

    /// <summary>Drops the connection with a reset, like a client that crashed or gave up.</summary>
    public void Abort()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }
}
