namespace Stagecraft.Local.Kinds.Parameters;

/// <summary>The parameter names a stage has published, kept in its stage data so it can remove what it no longer lists.</summary>
internal static class PublishedNames
{
    private const string Key = "published";

    public static async Task<HashSet<string>> ReadAsync(StageContext context, CancellationToken cancellationToken)
    {
        var json = await context.GetDataAsync(Key, cancellationToken).ConfigureAwait(false);
        return json is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(JsonSerializer.Deserialize<string[]>(json) ?? [], StringComparer.Ordinal);
    }

    public static Task WriteAsync(StageContext context, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var sorted = names.Order(StringComparer.Ordinal).ToArray();
        return context.SetDataAsync(Key, sorted.Length == 0 ? null : JsonSerializer.Serialize(sorted), cancellationToken);
    }
}
