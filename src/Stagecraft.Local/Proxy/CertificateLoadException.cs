namespace Stagecraft.Local.Proxy;

/// <summary>A certificate or key file that is missing, unreadable, not PEM, or a pair that does not match.</summary>
public sealed class CertificateLoadException(string message, Exception? inner = null) : Exception(message, inner)
{
}
