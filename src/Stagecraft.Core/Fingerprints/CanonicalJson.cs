namespace Stagecraft.Core.Fingerprints;

/// <summary>
/// A canonical text form of resolved settings: keys sorted, no whitespace, secrets replaced
/// by a keyed HMAC and the project directory replaced by a token, so the same inputs give the
/// same bytes on every machine and whatever the key order in the file.
/// </summary>
public static class CanonicalJson
{
    public const string ProjectDirToken = "{project_dir}";

    public static string Write(ResolvedNode node, Func<string, string> protectSecret, string projectDirectory)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            WriteNode(writer, node, protectSecret, projectDirectory);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string NormalisePaths(string value, string projectDirectory) =>
        projectDirectory.Length > 1 ? value.Replace(projectDirectory, ProjectDirToken, StringComparison.Ordinal) : value;

    private static void WriteNode(Utf8JsonWriter writer, ResolvedNode node, Func<string, string> protectSecret, string projectDirectory)
    {
        switch (node)
        {
            case ResolvedScalar scalar:
                writer.WriteStringValue(scalar.Sensitive ? protectSecret(scalar.Value) : NormalisePaths(scalar.Value, projectDirectory));
                break;
            case ResolvedList list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteNode(writer, item, protectSecret, projectDirectory);
                }

                writer.WriteEndArray();
                break;
            case ResolvedMap map:
                writer.WriteStartObject();
                foreach (var entry in map.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(entry.Key);
                    WriteNode(writer, entry.Value, protectSecret, projectDirectory);
                }

                writer.WriteEndObject();
                break;
        }
    }
}
