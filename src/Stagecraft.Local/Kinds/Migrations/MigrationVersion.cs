using System.Numerics;

namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>
/// A migration version such as 1, 2.1 or 20240501_1 ('_' reads as '.'), compared part by part as
/// numbers; trailing zero parts do not count, so 1 and 1.0 are the same version.
/// </summary>
internal sealed class MigrationVersion : IComparable<MigrationVersion>, IEquatable<MigrationVersion>
{
    private readonly BigInteger[] _parts;

    private MigrationVersion(BigInteger[] parts)
    {
        _parts = parts;
        Text = string.Join('.', parts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The normalised form stored in the history table.</summary>
    public string Text { get; }

    public static MigrationVersion? TryParse(string text)
    {
        var pieces = text.Split('.', '_');
        var parts = new List<BigInteger>(pieces.Length);
        foreach (var piece in pieces)
        {
            if (piece.Length == 0 || !piece.All(char.IsAsciiDigit))
            {
                return null;
            }

            parts.Add(BigInteger.Parse(piece, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        while (parts.Count > 1 && parts[^1].IsZero)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return new MigrationVersion([.. parts]);
    }

    public int CompareTo(MigrationVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        for (var i = 0; i < Math.Max(_parts.Length, other._parts.Length); i++)
        {
            var mine = i < _parts.Length ? _parts[i] : BigInteger.Zero;
            var theirs = i < other._parts.Length ? other._parts[i] : BigInteger.Zero;
            var compared = mine.CompareTo(theirs);
            if (compared != 0)
            {
                return compared;
            }
        }

        return 0;
    }

    public bool Equals(MigrationVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is MigrationVersion other && Equals(other);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Text;
}
