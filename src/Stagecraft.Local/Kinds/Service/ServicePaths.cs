namespace Stagecraft.Local.Kinds.Service;

/// <summary>The canonical form of <c>path_prefix</c>: a leading slash, no trailing one ("/" for every path).</summary>
internal static class ServicePaths
{
    public static string? NormalizePrefix(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('/') || trimmed.IndexOfAny(['?', '#', ' ', '\t', '*']) >= 0 || trimmed.Contains("//", StringComparison.Ordinal))
        {
            return null;
        }

        return trimmed.Length > 1 ? trimmed.TrimEnd('/') : trimmed;
    }
}
