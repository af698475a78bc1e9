using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Stagecraft.Aws.State;

/// <summary>
/// The S3 and DynamoDB clients of one s3 state store: region, named profile or the standard
/// credential chain, and custom endpoints for S3-compatible stores (path-style addressing).
/// </summary>
internal sealed class StateClients(IAmazonS3 s3, IAmazonDynamoDB dynamo, string s3Where, string lockWhere) : IDisposable
{
    // A store that does not answer should fail a command in seconds, not minutes.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private const int Retries = 2;

    public IAmazonS3 S3 { get; } = s3;

    public IAmazonDynamoDB Dynamo { get; } = dynamo;

    /// <summary>Where requests go, for error messages: an endpoint URL or "region eu-west-2".</summary>
    public string S3Where { get; } = s3Where;

    public string LockWhere { get; } = lockWhere;

    public static StateClients Create(S3StateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var credentials = Credentials(settings.Profile);

        // A named profile's region counts as the standard settings would for the default profile.
        settings = settings.Region is null && settings.Profile is not null && new CredentialProfileStoreChain().TryGetProfile(settings.Profile, out var profile)
            ? settings with { Region = profile.Region?.SystemName }
            : settings;
        var s3Config = new AmazonS3Config();
        Configure(s3Config, settings.Region, settings.Endpoint);
        if (settings.Endpoint is not null)
        {
            // S3-compatible stores rarely know virtual-host buckets or the newer checksum trailers.
            s3Config.ForcePathStyle = true;
            s3Config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            s3Config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        var dynamoConfig = new AmazonDynamoDBConfig();
        Configure(dynamoConfig, settings.Region, settings.LockEndpoint);
        try
        {
            var s3 = credentials is null ? new AmazonS3Client(s3Config) : new AmazonS3Client(credentials, s3Config);
            var dynamo = credentials is null ? new AmazonDynamoDBClient(dynamoConfig) : new AmazonDynamoDBClient(credentials, dynamoConfig);
            return new StateClients(s3, dynamo, Where(settings.Endpoint, settings.Region), Where(settings.LockEndpoint, settings.Region));
        }
        catch (AmazonClientException error) when (error.Message.Contains("RegionEndpoint", StringComparison.Ordinal))
        {
            throw new StagecraftException("the s3 state backend has no AWS region", ExitCodes.InvalidInput,
                "set 'region' under the environment's 'state', or AWS_REGION, or a region in the AWS profile");
        }
    }

    public void Dispose()
    {
        S3.Dispose();
        Dynamo.Dispose();
    }

    private static void Configure(ClientConfig config, string? region, Uri? endpoint)
    {
        config.Timeout = RequestTimeout;
        config.ConnectTimeout = ConnectTimeout;
        config.MaxErrorRetry = Retries;
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint.ToString();

            // Requests to an endpoint are still signed for a region; any works for local stores.
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
    }

    private static AWSCredentials? Credentials(string? profile)
    {
        if (profile is null)
        {
            return null; // the SDK's standard chain: environment, profile files, SSO, container and instance roles
        }

        return new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)
            ? credentials
            : throw new StagecraftException($"AWS profile '{profile}' was not found", ExitCodes.InvalidInput,
                "define it in ~/.aws/config or ~/.aws/credentials, or remove 'profile' to use the standard credential chain");
    }

    private static string Where(Uri? endpoint, string? region) =>
        endpoint is not null ? endpoint.ToString().TrimEnd('/') : region is not null ? $"region {region}" : "the default AWS region";
}
