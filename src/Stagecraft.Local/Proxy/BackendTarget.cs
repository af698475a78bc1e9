namespace Stagecraft.Local.Proxy;

/// <summary>One backend of a pool, with the URL prefix precomputed so a request only appends its target.</summary>
internal sealed class BackendTarget
{
    public BackendTarget(Uri uri, int index)
    {
        Uri = uri;
        Index = index;
        // A backend may be mounted under a path; the request's own path is appended to it.
        Prefix = uri.GetLeftPart(UriPartial.Authority) + uri.AbsolutePath.TrimEnd('/');
    }

    public Uri Uri { get; }

    public int Index { get; }

    public string Prefix { get; }

    public override string ToString() => Uri.ToString();
}
