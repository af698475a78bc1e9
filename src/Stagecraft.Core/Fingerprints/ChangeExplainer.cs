namespace Stagecraft.Core.Fingerprints;

/// <summary>Turns the difference between two manifests into reasons an operator can read.</summary>
public static class ChangeExplainer
{
    private const int MaxFilesNamed = 5;

    public static IReadOnlyList<string> Explain(FingerprintManifest before, FingerprintManifest after)
    {
        var reasons = new List<string>();
        if (before.Kind != after.Kind)
        {
            reasons.Add($"kind changed: {before.Kind} -> {after.Kind}");
        }
        else if (before.DriverVersion != after.DriverVersion)
        {
            reasons.Add($"the {after.Kind} driver changed: version {before.DriverVersion} -> {after.DriverVersion}");
        }

        foreach (var key in Changed(before.Settings, after.Settings))
        {
            var state = !before.Settings.ContainsKey(key) ? "added" : !after.Settings.ContainsKey(key) ? "removed" : "changed";
            reasons.Add($"setting '{key}' {state}");
        }

        foreach (var id in Changed(before.References, after.References))
        {
            before.References.TryGetValue(id, out var old);
            after.References.TryGetValue(id, out var now);
            reasons.Add(DescribeReference(id, old, now));
        }

        var files = Changed(before.Files, after.Files).ToList();
        if (files.Count > 0)
        {
            var named = files.Take(MaxFilesNamed).Select(f => $"{f} ({FileState(before.Files, after.Files, f)})");
            var more = files.Count > MaxFilesNamed ? $", and {files.Count - MaxFilesNamed} more" : "";
            reasons.Add($"{Plural(files.Count, "input file")} changed: {string.Join(", ", named)}{more}");
        }

        return reasons;
    }

    private static string DescribeReference(string id, ManifestValue? old, ManifestValue? now)
    {
        var label = Label(id);
        if (old is null)
        {
            return $"now uses {label}";
        }

        if (now is null)
        {
            return $"no longer uses {label}";
        }

        return old.Sensitive || now.Sensitive
            ? $"{label} changed"
            : $"{label} changed: {Show(old.Value)} -> {Show(now.Value)}";
    }

    private static string Label(string id)
    {
        if (id.StartsWith("var.", StringComparison.Ordinal))
        {
            return $"variable {id[4..]}";
        }

        if (id.StartsWith("stages.", StringComparison.Ordinal))
        {
            var parts = id.Split('.');
            return $"output {parts[3]} of {parts[1]}";
        }

        if (id.StartsWith("secret:", StringComparison.Ordinal))
        {
            return $"secret {id[7..]}";
        }

        if (id.StartsWith("os:", StringComparison.Ordinal))
        {
            return $"environment variable {id[3..]}";
        }

        return id.StartsWith("ssm:", StringComparison.Ordinal) ? $"parameter {id[4..]}" : id;
    }

    private static string Show(string value) => value.Length > 60 ? $"'{value[..57]}...'" : $"'{value}'";

    private static string FileState(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, string path) =>
        !before.ContainsKey(path) ? "added" : !after.ContainsKey(path) ? "removed" : "modified";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static IEnumerable<string> Changed<T>(IReadOnlyDictionary<string, T> before, IReadOnlyDictionary<string, T> after) =>
        before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => !before.TryGetValue(k, out var a) || !after.TryGetValue(k, out var b) || !Equals(a, b));
}
