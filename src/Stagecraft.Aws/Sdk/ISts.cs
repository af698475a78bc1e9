namespace Stagecraft.Aws.Sdk;

/// <summary>Who the credentials belong to.</summary>
internal interface ISts
{
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken);
}
