namespace Stagecraft.Core.Config;

/// <summary>A YAML value with the place it was written, so every later error can point at it.</summary>
public abstract record ConfigNode(SourceLocation Location)
{
    public abstract string Describe();
}
