namespace Stagecraft.Core.Kinds;

/// <summary>Where a stage runs: this machine, or an AWS account and region.</summary>
public static class TargetKind
{
    public const string Local = "local";
    public const string Aws = "aws";
}
