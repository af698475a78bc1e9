namespace Stagecraft.Aws.Ecr;

/// <summary>The ECR calls the docker kind makes.</summary>
internal interface IEcr
{
    /// <summary>A password for 'docker login' to this account's registry; never logged.</summary>
    Task<string> GetLoginPasswordAsync(CancellationToken cancellationToken);

    /// <summary>The digest (sha256:…) of the image with this tag, or null when there is none.</summary>
    Task<string?> FindDigestAsync(string repository, string tag, CancellationToken cancellationToken);
}
