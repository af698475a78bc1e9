using System.Text;
using CsCheck;

namespace Stagecraft.Integration.Tests.Fuzzing;

/// <summary>One change to a project file's bytes, described for the report of a failing case.</summary>
internal sealed record Mutation(string Description, Func<byte[], byte[]> Apply)
{
    public override string ToString() => Description;
}

/// <summary>
/// Generators of mutations: line edits (delete, duplicate, swap, indent), cuts at any byte,
/// YAML indicators and tabs inserted anywhere, CRLF, BOM, invalid UTF-8, NUL, duplicate keys,
/// anchors, aliases and merge keys, very deep nesting, very long values and huge files.
/// Positions are fractions of the length, so one mutation applies to any file.
/// </summary>
internal static class YamlMutations
{
    private static readonly string[] Tokens =
    [
        "\t", ": ", "[", "{", "&", "*", "!", "%", "|", ">", "]", "}", "-", "- ", "#", "'", "\"", "?", "? ", ",", ":", "\n", " ",
        "${", "}", "&a ", "*a", "<<: *a\n", "!!str ", "!!binary ", "!<tag:x> ", "%YAML 1.2\n", "%TAG ! tag:x:\n", "---\n", "...\n",
        "|-\n", ">+\n", "\\", "\\u", "\r", "\u0085", "\u2028", "\uFEFF", "\u00e9", "\U0001F600", "@", "`",
    ];

    private static readonly Gen<double> Position = Gen.Double.Unit;

    public static Gen<Mutation> Any { get; } = Gen.Frequency(
        W(6, DeleteLine()), W(5, DuplicateLine()), W(5, SwapLines()), W(6, IndentLine()), W(6, CutAt()), W(14, InsertToken()),
        W(2, CrLf()), W(2, Bom()), W(3, InvalidUtf8()), W(2, Nul()), W(2, FlipByte()), W(3, DuplicateKeyBlock()),
        W(4, AnchorAndAlias()), W(2, MergeKey()), W(2, DeepFlowNesting()), W(2, DeepBlockNesting()), W(2, LongValue(1_000, 100_000)),
        W(1, LongKey()), W(1, Gen.OneOf(HugeFile(), LongValue(1_000_000, 3_000_000))));

    private static (int, IGen<Mutation>) W(int weight, Gen<Mutation> gen) => (weight, gen);

    private static Gen<Mutation> DeleteLine() => Position.Select(p => Lines($"delete line at {p:F3}", p, (lines, i) => lines.RemoveAt(i)));

    private static Gen<Mutation> DuplicateLine() => Position.Select(p => Lines($"duplicate line at {p:F3}", p, (lines, i) => lines.Insert(i, lines[i])));

    private static Gen<Mutation> SwapLines() => Gen.Select(Position, Position).Select((a, b) => Lines($"swap lines at {a:F3} and {b:F3}", a, (lines, i) =>
    {
        var j = Index(b, lines.Count);
        (lines[i], lines[j]) = (lines[j], lines[i]);
    }));

    private static Gen<Mutation> IndentLine() => Gen.Select(Position, Gen.Int[-4, 6]).Select((p, by) => Lines($"indent line at {p:F3} by {by}", p, (lines, i) =>
    {
        var line = lines[i];
        lines[i] = by >= 0 ? new string(' ', by) + line : line[Math.Min(-by, line.Length - line.TrimStart(' ').Length)..];
    }));

    private static Gen<Mutation> CutAt() => Position.Select(p => new Mutation($"cut at {p:F3}", bytes => bytes[..Index(p, bytes.Length + 1)]));

    private static Gen<Mutation> InsertToken() => Gen.Select(Position, Gen.Int[0, Tokens.Length - 1], Gen.Int[1, 3]).Select((p, t, times) =>
        Insert($"insert {Escape(Tokens[t])} x{times} at {p:F3}", p, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Tokens[t], times)))));

    private static Gen<Mutation> CrLf() => Gen.Bool.Select(lone => lone
        ? new Mutation("line ends as lone CR", bytes => Replace(bytes, "\n", "\r"))
        : new Mutation("line ends as CRLF", bytes => Replace(bytes, "\n", "\r\n")));

    private static Gen<Mutation> Bom() => Position.Select(p => p < 0.5
        ? new Mutation("UTF-8 byte order mark first", bytes => [0xEF, 0xBB, 0xBF, .. bytes])
        : Insert($"byte order mark at {p:F3}", p, [0xEF, 0xBB, 0xBF]));

    private static Gen<Mutation> InvalidUtf8() => Gen.Select(Position, Gen.Int[0, 4]).Select((p, k) =>
    {
        byte[][] sequences = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF]];
        return Insert($"invalid UTF-8 #{k} at {p:F3}", p, sequences[k]);
    });

    private static Gen<Mutation> Nul() => Position.Select(p => Insert($"NUL at {p:F3}", p, [0]));

    private static Gen<Mutation> FlipByte() => Gen.Select(Position, Gen.Byte).Select((p, b) => new Mutation($"byte at {p:F3} becomes {b:X2}", bytes =>
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var copy = (byte[])bytes.Clone();
        copy[Index(p, copy.Length)] = b;
        return copy;
    }));

    // A key line with everything indented under it, written twice in a row: a duplicate key in the same mapping.
    private static Gen<Mutation> DuplicateKeyBlock() => Position.Select(p => Lines($"duplicate key block at {p:F3}", p, (lines, i) =>
    {
        var indent = lines[i].Length - lines[i].TrimStart(' ').Length;
        var end = i + 1;
        while (end < lines.Count && (lines[end].Trim().Length == 0 || lines[end].Length - lines[end].TrimStart(' ').Length > indent))
        {
            end++;
        }

        lines.InsertRange(end, lines.GetRange(i, end - i));
    }));

    private static Gen<Mutation> AnchorAndAlias() => Gen.Select(Position, Position, Gen.Int[0, 2]).Select((a, b, name) => Lines($"anchor &n{name} at {a:F3}, alias at {b:F3}", a, (lines, i) =>
    {
        var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
        lines[i] = colon >= 0 ? lines[i].Insert(colon + 2, $"&n{name} ") : $"&n{name} " + lines[i];
        var j = Index(b, lines.Count);
        var aliasColon = lines[j].IndexOf(": ", StringComparison.Ordinal);
        lines[j] = aliasColon >= 0 ? lines[j][..(aliasColon + 2)] + $"*n{name}" : lines[j] + $" *n{name}";
    }));

    private static Gen<Mutation> MergeKey() => Gen.Select(Position, Position).Select((a, b) => Lines($"merge key of an anchor at {a:F3} at {b:F3}", a, (lines, i) =>
    {
        var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
        lines[i] = colon >= 0 ? lines[i].Insert(colon + 1, " &m") : lines[i];
        var j = Index(b, lines.Count);
        var indent = lines[j].Length - lines[j].TrimStart(' ').Length;
        lines.Insert(j, new string(' ', indent) + "<<: *m");
    }));

    private static Gen<Mutation> DeepFlowNesting() => Gen.Select(Position, Gen.Int[10, 20_000], Gen.Bool, Gen.Bool).Select((p, depth, closed, mapping) =>
    {
        var (open, close) = mapping ? ("{a: ", "}") : ("[", "]");
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "x" + (closed ? new string(close[0], depth) : "");
        return Insert($"{depth} nested {(mapping ? "flow mappings" : "flow lists")}{(closed ? "" : " left open")} at {p:F3}", p, Encoding.UTF8.GetBytes(text));
    });

    private static Gen<Mutation> DeepBlockNesting() => Gen.Int[10, 400].Select(depth => new Mutation($"{depth} nested block mappings appended", bytes =>
    {
        var text = new StringBuilder("\nnested:\n");
        for (var level = 1; level <= depth; level++)
        {
            text.Append(' ', level).Append("k:\n");
        }

        return [.. bytes, .. Encoding.UTF8.GetBytes(text.ToString())];
    }));

    private static Gen<Mutation> LongValue(int shortest, int longest) => Gen.Select(Position, Gen.Int[shortest, longest], Gen.Char.AlphaNumeric).Select((p, length, c) =>
        Lines($"value of {length} '{c}' at {p:F3}", p, (lines, i) =>
        {
            var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
            lines[i] = (colon >= 0 ? lines[i][..(colon + 2)] : lines[i] + ": ") + new string(c, length);
        }));

    private static Gen<Mutation> LongKey() => Gen.Select(Position, Gen.Int[500, 5_000]).Select((p, length) =>
        Lines($"key of {length} characters at {p:F3}", p, (lines, i) =>
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ').Length;
            lines.Insert(i, new string(' ', indent) + new string('k', length) + ": v");
        }));

    // Just below and just above the loader's size limit, by repeating the file's own text.
    private static Gen<Mutation> HugeFile() => Gen.Int[3, 5].Select(mebibytes => new Mutation($"repeated to {mebibytes} MiB", bytes =>
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var target = mebibytes * 1024 * 1024;
        var result = new byte[target];
        for (var at = 0; at < target; at += bytes.Length)
        {
            Array.Copy(bytes, 0, result, at, Math.Min(bytes.Length, target - at));
        }

        return result;
    }));

    private static Mutation Lines(string description, double position, Action<List<string>, int> edit) => new(description, bytes =>
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n').ToList();
        edit(lines, Index(position, lines.Count));
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    });

    private static Mutation Insert(string description, double position, byte[] inserted) => new(description, bytes =>
    {
        var at = Index(position, bytes.Length + 1);
        return [.. bytes.AsSpan(0, at), .. inserted, .. bytes.AsSpan(at)];
    });

    private static byte[] Replace(byte[] bytes, string from, string to) =>
        Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace(from, to, StringComparison.Ordinal));

    private static int Index(double fraction, int count) => Math.Min(count - 1, (int)(fraction * count));

    private static string Escape(string token) => token.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
