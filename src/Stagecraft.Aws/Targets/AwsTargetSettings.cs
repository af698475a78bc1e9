namespace Stagecraft.Aws.Targets;

/// <summary>
/// An AWS environment's region and profile as written, with ${os:NAME} expanded (a CI context
/// gives AWS_REGION, say). A profile that expands to nothing means the standard credential chain.
/// </summary>
internal static class AwsTargetSettings
{
    public const string RegionWhat = "an environment's region";
    public const string ProfileWhat = "an environment's profile";

    public static string? Region(EnvironmentDefinition environment, Func<string, string?>? lookup, DiagnosticBag diagnostics) =>
        OsOnlySetting.Expand(environment.TargetSettings["region"] as ConfigScalar, RegionWhat, lookup, diagnostics);

    public static string? Profile(EnvironmentDefinition environment, Func<string, string?>? lookup, DiagnosticBag diagnostics) =>
        OsOnlySetting.Expand(environment.TargetSettings["profile"] as ConfigScalar, ProfileWhat, lookup, diagnostics, optional: true) is { Length: > 0 } profile ? profile : null;
}
