namespace Stagecraft.Local.Proxy;

/// <summary>
/// A certificate from PEM files (certificate chain, private key) that follows the files: at most once per
/// <c>checkInterval</c> a handshake looks at their modification times and, when they changed, loads them again.
/// New handshakes get the new certificate; open connections keep theirs. A pair that does not load (a key
/// written but not yet its certificate) leaves the previous one in place until the next look.
/// </summary>
public sealed class CertificateFiles : ICertificateSource
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _checkInterval;
    private readonly Lock _gate = new();
    private SslStreamCertificateContext _current;
    private (DateTime Certificate, DateTime Key) _stamps;
    private long _nextCheck;

    private CertificateFiles(string certificatePath, string keyPath, TimeSpan checkInterval, TimeProvider time)
    {
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        _checkInterval = checkInterval;
        _time = time;
        _stamps = Stamps();
        _current = Load(certificatePath, keyPath);
        _nextCheck = time.GetTimestamp();
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public SslStreamCertificateContext Current
    {
        get
        {
            var now = _time.GetTimestamp();
            if (now >= Volatile.Read(ref _nextCheck))
            {
                Refresh(now);
            }

            return Volatile.Read(ref _current);
        }
    }

    /// <summary>Loads the pair now; throws <see cref="CertificateLoadException"/> saying what is wrong with it.</summary>
    public static CertificateFiles Open(string certificatePath, string keyPath, TimeSpan checkInterval, TimeProvider? time = null) =>
        new(certificatePath, keyPath, checkInterval, time ?? TimeProvider.System);

    /// <summary>The leaf certificate with its key, and the rest of the chain in the certificate file.</summary>
    public static SslStreamCertificateContext Load(string certificatePath, string keyPath)
    {
        try
        {
            var chain = new X509Certificate2Collection();
            chain.ImportFromPemFile(certificatePath);
            if (chain.Count == 0)
            {
                throw new CertificateLoadException($"{certificatePath} holds no PEM certificate");
            }

            var leaf = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            chain.RemoveAt(0);
            return FixedCertificate.ContextOf(leaf, chain);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CertificateLoadException($"cannot load the certificate {certificatePath} with the key {keyPath}: {ex.Message}", ex);
        }
    }

    private void Refresh(long now)
    {
        lock (_gate)
        {
            if (now < _nextCheck)
            {
                return;
            }

            _nextCheck = now + (long)(_checkInterval.TotalSeconds * _time.TimestampFrequency);
            var stamps = Stamps();
            if (stamps == _stamps)
            {
                return;
            }

            try
            {
                Volatile.Write(ref _current, Load(CertificatePath, KeyPath));
                _stamps = stamps;
            }
            catch (CertificateLoadException)
            {
                // Half-replaced files: keep serving the previous pair and look again next time.
            }
        }
    }

    private (DateTime, DateTime) Stamps() => (File.GetLastWriteTimeUtc(CertificatePath), File.GetLastWriteTimeUtc(KeyPath));
}
