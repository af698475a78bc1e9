namespace Stagecraft.Local.Agent.Runtime;

/// <summary><c>trusted_proxies</c>: addresses (10.0.0.5) and CIDRs (10.0.0.0/8, fd00::/8) whose X-Forwarded-* headers are believed.</summary>
public static class TrustedProxyList
{
    public static bool TryParseOne(string text, out IPNetwork network)
    {
        var trimmed = text.Trim();
        if (!trimmed.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(trimmed, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(trimmed, out network);
    }

    public static IReadOnlyList<IPNetwork> Parse(IEnumerable<string> entries) =>
        entries.Select(e => TryParseOne(e, out var network) ? network : throw new FormatException($"'{e}' is not an IP address or CIDR")).ToList();
}
