namespace Stagecraft.Aws.Ecr;

/// <summary><see cref="IEcr"/> through 'aws ecr …'.</summary>
internal sealed class EcrCli(IAwsCli cli) : IEcr
{
    public async Task<string> GetLoginPasswordAsync(CancellationToken cancellationToken) =>
        (await cli.RunTextAsync(AwsCommand.Of("ecr", "get-login-password"), cancellationToken).ConfigureAwait(false)).Trim();

    public async Task<string?> FindDigestAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        try
        {
            var json = await cli.RunAsync(AwsCommand.Of("ecr", "describe-images", "--repository-name", repository, "--image-ids", "imageTag=" + tag), cancellationToken).ConfigureAwait(false);
            return json is { } root ? Json.Array(root, "imageDetails").Select(d => Json.String(d, "imageDigest")).FirstOrDefault(d => d is not null) : null;
        }
        catch (AwsException ex) when (ex.Is("ImageNotFoundException"))
        {
            return null;
        }
    }
}
