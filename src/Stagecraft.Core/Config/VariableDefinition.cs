namespace Stagecraft.Core.Config;

public sealed record VariableDefinition(string Name, SourceLocation Location, Template Value);
