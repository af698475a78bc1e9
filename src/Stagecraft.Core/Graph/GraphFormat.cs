namespace Stagecraft.Core.Graph;

public enum GraphFormat
{
    Text,
    Mermaid,
    Dot,
}
