namespace Stagecraft.Local.Kinds.Command;

/// <summary>
/// Reads KEY=VALUE lines: blank lines and '#' comments are skipped, the value is everything after
/// the first '=' as written, a later line wins over an earlier one with the same key.
/// </summary>
internal static class OutputParser
{
    private const int PreviewLength = 60;

    public static IReadOnlyDictionary<string, OutputValue> Parse(string text, SecretMasker masker)
    {
        var outputs = new Dictionary<string, OutputValue>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !IsName(line.AsSpan(0, equals)))
            {
                throw new StageFailedException(
                    $"line {index + 1} of the output file ($STAGECRAFT_OUTPUT) is not KEY=VALUE: '{Preview(masker.Apply(line))}'",
                    hint: "write one NAME=value per line; a NAME is letters, digits and '_' and does not start with a digit");
            }

            var value = line[(equals + 1)..];
            outputs[line[..equals]] = new OutputValue(value, masker.Apply(value) != value);
        }

        return outputs;
    }

    public static bool IsName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string Preview(string line) => line.Length <= PreviewLength ? line : line[..PreviewLength] + "…";
}
