namespace Stagecraft.Core.Config;

public sealed record ConfigList(IReadOnlyList<ConfigNode> Items, SourceLocation Location) : ConfigNode(Location)
{
    public override string Describe() => "a list";
}
