using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace Stagecraft.Aws.Sdk;

/// <summary>Region and credentials for SDK clients: the named profile, or the standard chain.</summary>
internal sealed record AwsConnection(string Region, string? Profile)
{
    public RegionEndpoint Endpoint => RegionEndpoint.GetBySystemName(Region);

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
