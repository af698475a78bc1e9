using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Stagecraft.Aws.Sdk;

internal sealed class SdkSts(IAmazonSecurityTokenService client, SdkCall call) : ISts
{
    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) =>
        call.RunAsync("sts", "GetCallerIdentity", async ct =>
        {
            var response = await client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct).ConfigureAwait(false);
            return new CallerIdentity(response.Account, response.Arn);
        }, cancellationToken);
}
