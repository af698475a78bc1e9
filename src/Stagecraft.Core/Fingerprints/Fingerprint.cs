namespace Stagecraft.Core.Fingerprints;

/// <summary>A stage's fingerprint and the manifest that explains it.</summary>
public sealed record Fingerprint(string Value, FingerprintManifest Manifest)
{
    public string Short => Value.Length > 12 ? Value[..12] : Value;
}
