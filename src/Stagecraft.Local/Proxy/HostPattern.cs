namespace Stagecraft.Local.Proxy;

/// <summary>
/// Host names as routing keys: lower case, without a port or a trailing dot. A pattern is an exact name
/// (notes.example.com) or a wildcard (*.example.com, any name ending in .example.com).
/// </summary>
public static class HostPattern
{
    /// <summary>True for *.example.com.</summary>
    public static bool IsWildcard(string pattern) => pattern.StartsWith("*.", StringComparison.Ordinal);

    /// <summary>The canonical form of a configured pattern; null when it is not a host name or *.name.</summary>
    public static string? Normalize(string pattern)
    {
        var text = pattern.Trim().TrimEnd('.').ToLowerInvariant();
        var name = IsWildcard(text) ? text[2..] : text;
        if (name.Length is 0 or > 253 || name.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return null;
            }
        }

        return text;
    }

    /// <summary>The name part of a Host header value (no port, no trailing dot); IPv6 literals keep their brackets.</summary>
    public static ReadOnlySpan<char> NameOf(ReadOnlySpan<char> host)
    {
        if (host.Length > 0 && host[0] == '[')
        {
            var close = host.IndexOf(']');
            return close < 0 ? host : host[..(close + 1)];
        }

        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            host = host[..colon];
        }

        return host.Length > 0 && host[^1] == '.' ? host[..^1] : host;
    }
}
