namespace Stagecraft.Local.Agent.Runtime;

/// <summary>
/// A service's public address: an IPv4 or IPv6 address and a port (127.0.0.1:8080, 0.0.0.0:443, [::]:443,
/// [::1]:8080, localhost:8080). The proxy binds exactly that address.
/// </summary>
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
            error = $"'{text}' is not ADDRESS:PORT with a port from 1 to 65535 (e.g. 127.0.0.1:8080, 0.0.0.0:443, [::]:443)";
            return false;
        }

        var host = text[..colon];
        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        var bare = bracketed ? host[1..^1] : host;
        var address = bare == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(bare, out var parsed) ? parsed : null;
        if (address is null || (address.AddressFamily == AddressFamily.InterNetworkV6 && !bracketed) || bare.Contains('%', StringComparison.Ordinal))
        {
            error = $"'{text}' is not an IP address and port: write 0.0.0.0:443 for every IPv4 address, [::]:443 for every address, 127.0.0.1:8080 for this machine only (IPv6 in brackets)";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        error = "";
        return true;
    }

    /// <summary>Where this machine reaches the address: 0.0.0.0 and [::] are reached on their loopback.</summary>
    public static string Authority(IPEndPoint endpoint)
    {
        var address = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : endpoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : endpoint.Address;
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"{host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The URL clients use: http://127.0.0.1:8080 or http://[::1]:8080.</summary>
    public static string Url(string text) => "http://" + Authority(Parse(text));
}
