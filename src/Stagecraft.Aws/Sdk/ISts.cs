namespace Stagecraft.Aws.Sdk;

/// <summary>Who the credentials belong to.</summary>
internal interface ISts
{
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken);
}

/// <summary>The account and principal of the credentials in use.</summary>
internal sealed record CallerIdentity(string Account, string Arn);
