namespace Stagecraft.Core.Fingerprints;

/// <summary>
/// What went into a fingerprint, kept in state to explain the next change in words:
/// per-setting hashes of the text as written, the values of references consumed
/// (secrets as HMACs), and the hash of every input file.
/// </summary>
public sealed record FingerprintManifest(
    string Kind,
    string DriverVersion,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, ManifestValue> References,
    IReadOnlyDictionary<string, string> Files);

/// <summary>A consumed value; sensitive ones hold an HMAC, never the value.</summary>
public sealed record ManifestValue(string Value, bool Sensitive);
