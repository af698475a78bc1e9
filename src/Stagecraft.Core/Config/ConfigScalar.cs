namespace Stagecraft.Core.Config;

/// <summary>
/// A scalar as written. <see cref="TextLocation"/> is where its first character of text is
/// (after an opening quote), which is what reference positions are counted from.
/// </summary>
public sealed record ConfigScalar(string Text, SourceLocation Location, bool Quoted, bool IsNull = false)
    : ConfigNode(Location)
{
    public SourceLocation TextLocation => Quoted ? Location.Shift(1) : Location;

    public static ConfigScalar Synthetic(string text) => new(text, SourceLocation.None, Quoted: true);

    public override string Describe() => IsNull ? "an empty value" : "a string";
}
