namespace Stagecraft.Aws.Targets;

/// <summary>
/// ${ssm:…} and ${secret:…} from SSM, ${region} and ${account}. A stage with its own region reads
/// ${ssm:…} there (a parameter is regional); secrets stay the environment's, in its region.
/// ${account} is the environment's account_id when it names one (no call), else the caller's (STS).
/// </summary>
internal sealed class AwsExternalValues(AwsEnvironment aws, IExternalValues stores) : IExternalValues
{
    public ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, CancellationToken cancellationToken) =>
        GetAsync(kind, name, null, cancellationToken);

    public async ValueTask<ExternalValue?> GetAsync(ReferenceKind kind, string name, string? region, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case ReferenceKind.Region:
                return new ExternalValue(region ?? aws.Region, false);
            case ReferenceKind.Account:
                return new ExternalValue(aws.ExpectedAccount ?? await AccountAsync(cancellationToken).ConfigureAwait(false), false);
            case ReferenceKind.Ssm when region is not null && region != aws.Region:
                var parameter = await aws.InRegion(region).Parameters.GetAsync(name, cancellationToken).ConfigureAwait(false);
                return parameter is null ? null : new ExternalValue(parameter.Value, parameter.Secure);
            default:
                return await stores.GetAsync(kind, name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> AccountAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsException ex)
        {
            throw new StagecraftException($"the account is read with STS GetCallerIdentity, which failed: {ex.Message}",
                ExitCodes.InvalidInput, "log in, or write the environment's account_id (then ${account} needs no call)");
        }
    }
}
