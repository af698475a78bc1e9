using Stagecraft.Aws.State;

namespace Stagecraft.Aws.Bootstrap;

/// <summary>
/// Prepares the s3 state backend of an environment, whatever its target: the state bucket
/// (versioned, encrypted, private) and the lock table, where the state itself will reach them
/// (its own region, profile, endpoint and lock_endpoint; an AWS target's endpoints otherwise).
/// </summary>
internal static class StateBootstrapper
{
    public static bool Applies(EnvironmentDefinition environment) => environment.State.Backend == "s3";

    public static async Task<IReadOnlyList<BootstrapItem>> RunAsync(EnvironmentDefinition environment, TimeProvider time, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = Read(environment);
        using var clients = StateClients.Create(settings);
        var call = new SdkCall(AwsRetry.Create(TimeSpan.FromSeconds(1), 5, time));
        var buckets = new SdkBucketAdmin(clients.S3, call);
        var tables = new SdkLockTableAdmin(clients.Dynamo, call, time, pollInterval);

        var bucketExists = await buckets.ExistsAsync(settings.Bucket, cancellationToken).ConfigureAwait(false);
        if (!bucketExists)
        {
            await buckets.CreateAsync(settings.Bucket, settings.Region ?? "us-east-1", cancellationToken).ConfigureAwait(false);
        }

        await buckets.SecureAsync(settings.Bucket, cancellationToken).ConfigureAwait(false);
        var tableExists = await tables.ExistsAsync(settings.LockTable, cancellationToken).ConfigureAwait(false);
        if (!tableExists)
        {
            await tables.CreateAsync(settings.LockTable, cancellationToken).ConfigureAwait(false);
        }

        return [new BootstrapItem("state bucket", settings.Bucket, !bucketExists), new BootstrapItem("lock table", settings.LockTable, !tableExists)];
    }

    /// <summary>The state's settings as written (bootstrap runs before anything is resolved), with an AWS target's endpoints where the state names none.</summary>
    internal static S3StateSettings Read(EnvironmentDefinition environment)
    {
        var state = environment.State.Settings;
        var diagnostics = new DiagnosticBag();
        var settings = new S3StateSettings(
            Literal(environment, state, "bucket", diagnostics) ?? "",
            S3StateSettings.DefaultKeyPrefix,
            Literal(environment, state, "region", diagnostics),
            Literal(environment, state, "lock_table", diagnostics) ?? "",
            Url(environment, state, "endpoint", diagnostics),
            Url(environment, state, "lock_endpoint", diagnostics),
            Literal(environment, state, "profile", diagnostics),
            S3StateSettings.DefaultLockLease);
        diagnostics.ThrowIfAny();
        return settings.WithTarget(environment);
    }

    private static string? Literal(EnvironmentDefinition environment, ConfigMap state, string key, DiagnosticBag diagnostics)
    {
        if (state[key] is not ConfigScalar { IsNull: false } scalar || scalar.Text.Length == 0)
        {
            if (key is "bucket" or "lock_table")
            {
                diagnostics.Add(environment.State.Location, $"the s3 state of environment '{environment.Name}' needs '{key}'", "e.g. state: { backend: s3, bucket: my-project-state, lock_table: stagecraft-locks }");
            }

            return null;
        }

        if (scalar.Text.Contains("${", StringComparison.Ordinal))
        {
            diagnostics.Add(scalar.TextLocation, $"bootstrap needs the state setting '{key}' of environment '{environment.Name}' written out, not '{scalar.Text}'",
                "write the value itself, or create the bucket and table yourself");
            return null;
        }

        return scalar.Text;
    }

    private static Uri? Url(EnvironmentDefinition environment, ConfigMap state, string key, DiagnosticBag diagnostics)
    {
        if (Literal(environment, state, key, diagnostics) is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        diagnostics.Add(((ConfigScalar)state[key]!).TextLocation, $"state setting '{key}' ('{text}') is not an http:// or https:// URL", "write the endpoint's whole address, e.g. http://127.0.0.1:5000, or leave it out for AWS itself");
        return null;
    }
}
