namespace Stagecraft.Core.State;

/// <summary>A stage output. Sensitive values are masked wherever they could be shown.</summary>
public sealed record OutputValue(string Value, bool Sensitive = false)
{
    public override string ToString() => Sensitive ? "****" : Value;
}
