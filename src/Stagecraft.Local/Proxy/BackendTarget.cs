namespace Stagecraft.Local.Proxy;

/// <summary>One backend of a pool, with the URL prefix precomputed so a request only appends its target.</summary>
internal sealed class BackendTarget(Uri uri, int index)
{
    public Uri Uri { get; } = uri;

    public int Index { get; } = index;

    public string Prefix { get; } = uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.TrimEnd('/');

    public override string ToString() => Uri.ToString();
}
