namespace Stagecraft.Local.Agent.Protocol;

/// <summary>A service's TLS: PEM files (<see cref="Certificate"/> and <see cref="Key"/>) or <see cref="Acme"/>, never both.</summary>
public sealed record TlsSpec
{
    /// <summary>Absolute path of the PEM certificate (leaf first, then its chain).</summary>
    public string? Certificate { get; init; }

    /// <summary>Absolute path of the PEM private key.</summary>
    public string? Key { get; init; }

    public AcmeSpec? Acme { get; init; }
}

/// <summary>Certificates from an ACME server (RFC 8555) by HTTP-01 on the service's <c>http_listen</c>.</summary>
public sealed record AcmeSpec
{
    public string? Email { get; init; }

    /// <summary>The directory URL; Let's Encrypt's when not given.</summary>
    public string? Directory { get; init; }

    /// <summary>Absolute path of a PEM CA bundle for the directory's own HTTPS (private ACME servers).</summary>
    public string? CaBundle { get; init; }
}
