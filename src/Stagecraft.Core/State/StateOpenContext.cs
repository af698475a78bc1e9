using Stagecraft.Core.Config;
using Stagecraft.Core.Paths;
using Stagecraft.Core.References;

namespace Stagecraft.Core.State;

public sealed record StateOpenContext(
    ProjectDefinition Project,
    EnvironmentDefinition Environment,
    ResolvedMap Settings,
    StagecraftDirectories Directories,
    TimeProvider Time);
