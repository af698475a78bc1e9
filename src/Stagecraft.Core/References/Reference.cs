namespace Stagecraft.Core.References;

public enum ReferenceKind
{
    Variable,
    Environment,
    Project,
    StageOutput,
    StageDir,
    Ssm,
    Secret,
    OsEnvironment,

    /// <summary>${region}: the stage's own region, else the environment's (targets with regions only).</summary>
    Region,

    /// <summary>${account}: the account the environment deploys to (targets with accounts only).</summary>
    Account,
}

/// <summary>One parsed <c>${…}</c>: what it names and where it was written.</summary>
public sealed record Reference(ReferenceKind Kind, string Name, string? Key, string Text, SourceLocation Location)
{
    /// <summary>A stable identifier used in fingerprint manifests and plan reasons.</summary>
    public string Id => Kind switch
    {
        ReferenceKind.Variable => "var." + Name,
        ReferenceKind.Environment => "environment",
        ReferenceKind.Project => "project",
        ReferenceKind.StageOutput => $"stages.{Name}.outputs.{Key}",
        ReferenceKind.StageDir => "stage.dir",
        ReferenceKind.Ssm => "ssm:" + Name,
        ReferenceKind.Secret => "secret:" + Name,
        ReferenceKind.OsEnvironment => "os:" + Name,
        ReferenceKind.Region => "region",
        ReferenceKind.Account => "account",
        _ => Text,
    };
}
