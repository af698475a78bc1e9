namespace Stagecraft.Aws.State;

/// <summary>The resolved 'state:' keys of an s3 environment, checked where the schema cannot (values after references).</summary>
internal sealed record S3StateSettings(
    string Bucket,
    string KeyPrefix,
    string? Region,
    string LockTable,
    Uri? Endpoint,
    Uri? LockEndpoint,
    string? Profile,
    TimeSpan LockLease)
{
    public const string DefaultKeyPrefix = "stagecraft";

    public static readonly TimeSpan DefaultLockLease = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan MinimumLockLease = TimeSpan.FromSeconds(1);

    public static S3StateSettings From(ResolvedMap settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var bucket = Required(settings, "bucket");
        if (bucket.Value.Length is < 3 or > 63 || !bucket.Value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            throw Invalid(bucket, "bucket", "is not a valid bucket name (3-63 characters: lower-case letters, digits, '-' and '.')");
        }

        var lease = settings.Duration("lock_lease") ?? DefaultLockLease;
        if (lease < MinimumLockLease)
        {
            throw Invalid(settings.Scalar("lock_lease")!, "lock_lease", "is too short; give at least 1s (the default is 60s)");
        }

        return new S3StateSettings(
            bucket.Value,
            (settings.String("key_prefix") ?? DefaultKeyPrefix).Trim('/'),
            Optional(settings, "region"),
            Required(settings, "lock_table").Value,
            Url(settings, "endpoint"),
            Url(settings, "lock_endpoint"),
            Optional(settings, "profile"),
            lease);
    }

    /// <summary>
    /// In an AWS environment, what the state leaves unset comes from the target: its region,
    /// profile and endpoints (endpoint_url, endpoints.s3, endpoints.dynamodb). The state's own win.
    /// </summary>
    public S3StateSettings WithTarget(EnvironmentDefinition environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.Target != TargetKind.Aws)
        {
            return this;
        }

        // A bad endpoint is reported by the target's own validation; here it is just not used.
        var ignored = new DiagnosticBag();
        var endpoints = AwsEndpoints.Read(environment, ignored);
        return this with
        {
            // ${os:…} in the target's region and profile is read from this process (the target reports it when unset).
            Region = Region ?? AwsTargetSettings.Region(environment, System.Environment.GetEnvironmentVariable, ignored),
            Profile = Profile ?? AwsTargetSettings.Profile(environment, System.Environment.GetEnvironmentVariable, ignored),
            Endpoint = Endpoint ?? endpoints.For("s3"),
            LockEndpoint = LockEndpoint ?? endpoints.For("dynamodb"),
        };
    }

    private static ResolvedScalar Required(ResolvedMap settings, string key)
    {
        var scalar = settings.Scalar(key);
        if (scalar is null || scalar.Value.Length == 0)
        {
            throw new InvalidInputException([new Diagnostic(scalar?.Location ?? settings.Location, $"the s3 state backend needs '{key}'", $"add '{key}: …' under 'state'")]);
        }

        return scalar;
    }

    private static string? Optional(ResolvedMap settings, string key) => settings.String(key) is { Length: > 0 } value ? value : null;

    private static Uri? Url(ResolvedMap settings, string key)
    {
        var scalar = settings.Scalar(key);
        if (scalar is null || scalar.Value.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(scalar.Value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw Invalid(scalar, key, "is not an http:// or https:// URL");
    }

    private static InvalidInputException Invalid(ResolvedScalar scalar, string key, string problem) =>
        new([new Diagnostic(scalar.Location, $"state setting '{key}' ('{scalar.Value}') {problem}", "correct it under 'state' (see docs/state.md)")]);
}
