using System.Globalization;
using System.Net;

namespace Stagecraft.Local.Agent.Runtime;

/// <summary>A service's public address: a loopback IP and a port (127.0.0.1:8080, [::1]:8080, localhost:8080).</summary>
public static class ListenAddress
{
    public static IPEndPoint Parse(string text) =>
        TryParse(text, out var endpoint, out var error) ? endpoint : throw new FormatException(error);

    public static bool TryParse(string text, out IPEndPoint endpoint, out string error)
    {
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}' is not HOST:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:8080)";
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        var address = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (address is null || !IPAddress.IsLoopback(address))
        {
            error = $"'{text}' is not a loopback address: a service listens only on 127.0.0.1 or [::1]";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        error = "";
        return true;
    }

    /// <summary>The URL clients use: http://127.0.0.1:8080 or http://[::1]:8080.</summary>
    public static string Url(string text)
    {
        var endpoint = Parse(text);
        return $"http://{(endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString())}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
    }
}
