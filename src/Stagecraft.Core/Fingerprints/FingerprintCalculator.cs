namespace Stagecraft.Core.Fingerprints;

/// <summary>SHA-256 over kind, driver version, resolved settings and outputs, and input file contents.</summary>
public static class FingerprintCalculator
{
    public static Fingerprint Compute(
        string kind,
        string driverVersion,
        ConfigMap rawSettings,
        ResolvedMap settings,
        ResolvedMap declaredOutputs,
        IReadOnlyDictionary<string, string> files,
        ResolutionTrace trace,
        SecretHasher secrets,
        string projectDirectory)
    {
        var canonicalSettings = CanonicalJson.Write(settings, secrets.Protect, projectDirectory);
        var canonicalOutputs = CanonicalJson.Write(declaredOutputs, secrets.Protect, projectDirectory);

        var envelope = new StringBuilder()
            .Append("stagecraft-fingerprint/1\n")
            .Append("kind=").Append(kind).Append('\n')
            .Append("driver=").Append(driverVersion).Append('\n')
            .Append("settings=").Append(canonicalSettings).Append('\n')
            .Append("outputs=").Append(canonicalOutputs).Append('\n');
        foreach (var (path, hash) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            envelope.Append("file=").Append(JsonSerializer.Serialize(path)).Append(' ').Append(hash).Append('\n');
        }

        var value = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(envelope.ToString())));

        var references = new SortedDictionary<string, ManifestValue>(StringComparer.Ordinal);
        foreach (var (id, traced) in trace.Values)
        {
            references[id] = traced.Sensitive
                ? new ManifestValue(secrets.Protect(traced.Value), true)
                : new ManifestValue(CanonicalJson.NormalisePaths(traced.Value, projectDirectory), false);
        }

        var manifest = new FingerprintManifest(kind, driverVersion, RawSettingsHasher.Hash(rawSettings), references, files);
        return new Fingerprint(value, manifest);
    }
}
