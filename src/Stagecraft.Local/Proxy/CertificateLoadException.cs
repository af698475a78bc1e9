namespace Stagecraft.Local.Proxy;

/// <summary>A certificate or key file that is missing, unreadable, not PEM, or a pair that does not match.</summary>
public sealed class CertificateLoadException : Exception
{
    public CertificateLoadException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
