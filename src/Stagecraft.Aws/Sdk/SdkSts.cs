using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Stagecraft.Aws.Sdk;

internal sealed class SdkSts(IAmazonSecurityTokenService client, SdkCall call) : ISts
{
    private readonly IAmazonSecurityTokenService _client = client;
    private readonly SdkCall _call = call;

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) =>
        _call.RunAsync("sts", "GetCallerIdentity", async ct =>
        {
            var response = await _client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct).ConfigureAwait(false);
            return new CallerIdentity(response.Account, response.Arn);
        }, cancellationToken);
}
