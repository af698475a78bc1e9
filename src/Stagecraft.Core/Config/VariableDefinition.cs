using Stagecraft.Core.Diagnostics;
using Stagecraft.Core.References;

namespace Stagecraft.Core.Config;

public sealed record VariableDefinition(string Name, SourceLocation Location, Template Value);
