namespace Stagecraft.Core.Sessions;

/// <summary>What a command brings to an environment session.</summary>
public sealed record SessionOptions(Catalog Catalog, IHostInfo Host, TimeProvider Time)
{
    public SecretMasker Masker { get; init; } = new();

    /// <summary>Makes the protector for sensitive values stored in state (the secrets issue provides one per environment).</summary>
    public Func<Config.ProjectDefinition, Config.EnvironmentDefinition, IValueProtector?>? Protector { get; init; }
}
