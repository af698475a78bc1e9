using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Stagecraft.Aws.Sdk;

/// <summary>Region, endpoints and credentials for SDK clients: the named profile, or the standard chain.</summary>
internal sealed record AwsConnection(string Region, string? Profile)
{
    public RegionEndpoint Endpoint => RegionEndpoint.GetBySystemName(Region);

    /// <summary>Where calls go when the environment points them away from AWS's endpoints.</summary>
    public AwsEndpoints Endpoints { get; init; } = AwsEndpoints.None;

    /// <summary>Points a client's configuration at the region, or at the environment's endpoint for <paramref name="service"/>.</summary>
    public T Configure<T>(T config, string service)
        where T : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        if (Endpoints.For(service) is { } url)
        {
            config.ServiceURL = AwsEndpoints.Text(url);

            // Requests to another endpoint are still signed for the environment's region.
            config.AuthenticationRegion = Region;
        }
        else
        {
            config.RegionEndpoint = Endpoint;
        }

        return config;
    }

    /// <summary>Null means the SDK's default chain (environment, SSO, instance role…).</summary>
    public AWSCredentials? Credentials()
    {
        if (Profile is null)
        {
            return null;
        }

        return new CredentialProfileStoreChain().TryGetAWSCredentials(Profile, out var credentials)
            ? credentials
            : throw new AwsException(AwsErrorCode.Credentials, "NoProfile", "LoadProfile", $"AWS profile '{Profile}' was not found in ~/.aws/config or ~/.aws/credentials",
                "create it ('aws configure --profile …' or 'aws configure sso'), or fix the environment's 'profile'");
    }
}
