namespace Stagecraft.Aws.Bootstrap;

/// <summary>
/// The names bootstrap uses: the environment's s3 state settings when it has them, otherwise
/// defaults that are unique per account and region.
/// </summary>
internal sealed record BootstrapNames(string StateBucket, string LockTable, string DeploymentBucket)
{
    public const string DefaultLockTable = "stagecraft-locks";

    public static BootstrapNames For(EnvironmentDefinition environment, string account, string region)
    {
        var s3State = environment.State.Backend == "s3";
        return new BootstrapNames(
            (s3State ? Literal(environment, environment.State.Settings["bucket"]) : null) ?? $"stagecraft-state-{account}-{region}",
            (s3State ? Literal(environment, environment.State.Settings["lock_table"]) : null) ?? DefaultLockTable,
            environment.TargetSetting("deployment_bucket") ?? DefaultDeploymentBucket(account, region));
    }

    /// <summary>The deployment bucket of a region the environment does not name one for.</summary>
    public static string DefaultDeploymentBucket(string account, string region) => $"stagecraft-deploy-{account}-{region}";

    private static string? Literal(EnvironmentDefinition environment, ConfigNode? node)
    {
        if (node is not ConfigScalar scalar)
        {
            return null;
        }

        return scalar.Text.Contains("${", StringComparison.Ordinal)
            ? throw new InvalidInputException($"{scalar.TextLocation}: bootstrap needs the state names of environment '{environment.Name}' written out, not '{scalar.Text}'")
            : scalar.Text;
    }
}
