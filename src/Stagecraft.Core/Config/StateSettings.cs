namespace Stagecraft.Core.Config;

/// <summary>An environment's state backend and its settings (without the 'backend' key).</summary>
public sealed record StateSettings(string Backend, ConfigMap Settings, SourceLocation Location)
{
    public const string DefaultBackend = "sqlite";

    public static StateSettings Default(SourceLocation location) => new(DefaultBackend, ConfigMap.Empty(location), location);
}
