namespace Stagecraft.Aws.Cli;

/// <summary>One aws CLI call: 'aws SERVICE OPERATION ARGS…'; --output json, region and profile are added by the runner.</summary>
internal sealed record AwsCommand(string Service, string Operation, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// For calls that are not idempotent (lambda invoke, create-deployment, execute-change-set):
    /// retried only when throttled, which AWS rejects before doing anything. A read timeout, a
    /// closed connection or a 5xx may come after the call took effect, so a retry could repeat it.
    /// </summary>
    public bool RetryThrottlingOnly { get; init; }

    public static AwsCommand Of(string service, string operation, params string[] arguments) => new(service, operation, arguments);

    /// <summary>The IAM prefix, for naming a missing permission.</summary>
    public string IamService => Service switch
    {
        "deploy" => "codedeploy",
        _ => Service,
    };

    /// <summary>The API name of the operation: create-change-set → CreateChangeSet.</summary>
    public string ApiOperation => string.Concat(Operation.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
}
