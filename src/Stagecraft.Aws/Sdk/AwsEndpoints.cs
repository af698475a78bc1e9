namespace Stagecraft.Aws.Sdk;

/// <summary>
/// Where AWS calls go instead of the region's public endpoints (an emulator such as moto or
/// LocalStack, a VPC endpoint): <c>endpoint_url</c> for every service, <c>endpoints</c> for one.
/// </summary>
internal sealed record AwsEndpoints(Uri? Default, IReadOnlyDictionary<string, Uri> PerService)
{
    /// <summary>The services Stagecraft calls, by the name 'endpoints' keys use, with the suffix of their AWS_ENDPOINT_URL_* variable.</summary>
    public static readonly IReadOnlyDictionary<string, string> Services = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["autoscaling"] = "AUTO_SCALING",
        ["cloudformation"] = "CLOUDFORMATION",
        ["codedeploy"] = "CODEDEPLOY",
        ["dynamodb"] = "DYNAMODB",
        ["ec2"] = "EC2",
        ["ecr"] = "ECR",
        ["lambda"] = "LAMBDA",
        ["s3"] = "S3",
        ["ssm"] = "SSM",
        ["sts"] = "STS",
    };

    public static AwsEndpoints None { get; } = new(null, new Dictionary<string, Uri>());

    /// <summary>True when any call is pointed away from AWS's own endpoints.</summary>
    public bool Any => Default is not null || PerService.Count > 0;

    /// <summary>The endpoint for <paramref name="service"/> (an 'endpoints' key), or null for AWS's own.</summary>
    public Uri? For(string service) => PerService.TryGetValue(service, out var url) ? url : Default;

    /// <summary>
    /// The variables the AWS SDKs read for endpoints (AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_&lt;SERVICE&gt;),
    /// for tools built on a current SDK (the CDK CLI).
    /// </summary>
    public IReadOnlyDictionary<string, string?> SdkVariables()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (Default is not null)
        {
            variables["AWS_ENDPOINT_URL"] = Text(Default);
        }

        foreach (var (service, url) in PerService)
        {
            variables["AWS_ENDPOINT_URL_" + Services[service]] = Text(url);
        }

        return variables;
    }

    /// <summary>The URL as the CLI and the SDKs take it (no trailing slash after the host).</summary>
    public static string Text(Uri url) => url.ToString().TrimEnd('/');

    /// <summary>Reads 'endpoint_url' and 'endpoints' of an environment; a setting that is not a URL is reported where it is written.</summary>
    public static AwsEndpoints Read(EnvironmentDefinition environment, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = environment.TargetSettings;
        var fallback = settings["endpoint_url"] is ConfigScalar scalar ? Url(scalar, "endpoint_url", environment.Name, diagnostics) : null;
        var perService = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (settings["endpoints"] is ConfigMap map)
        {
            foreach (var entry in map.Entries)
            {
                if (!Services.ContainsKey(entry.Key))
                {
                    diagnostics.Add(entry.KeyLocation, $"'endpoints' of environment '{environment.Name}' names an unknown service '{entry.Key}'",
                        "use one of: " + string.Join(", ", Services.Keys));
                }
                else if (entry.Value is ConfigScalar value && Url(value, $"endpoints.{entry.Key}", environment.Name, diagnostics) is { } url)
                {
                    perService[entry.Key] = url;
                }
            }
        }

        return fallback is null && perService.Count == 0 ? None : new AwsEndpoints(fallback, perService);
    }

    private static Uri? Url(ConfigScalar scalar, string key, string environment, DiagnosticBag diagnostics)
    {
        if (Uri.TryCreate(scalar.Text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && url.Host.Length > 0 && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment) && url.UserInfo.Length == 0)
        {
            return url;
        }

        diagnostics.Add(scalar.TextLocation, $"{key} of environment '{environment}' ('{scalar.Text}') is not an http:// or https:// URL",
            "write the endpoint's address, e.g. http://127.0.0.1:5000 for a local moto_server");
        return null;
    }
}
