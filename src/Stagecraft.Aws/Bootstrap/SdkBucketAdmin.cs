using System.Net;
using Amazon.S3.Model;

namespace Stagecraft.Aws.Bootstrap;

internal sealed class SdkBucketAdmin(IAmazonS3 client, SdkCall call) : IBucketAdmin
{
    public Task<bool> ExistsAsync(string bucket, CancellationToken cancellationToken) =>
        call.RunAsync("s3", "ListBucket", async ct =>
        {
            try
            {
                await client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, ct).ConfigureAwait(false);
                return true;
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound || ex.ErrorCode == "NoSuchBucket")
            {
                return false;
            }
        }, cancellationToken);

    // The location constraint is written out: BucketRegionName sends eu-west-1 as the legacy "EU",
    // which an endpoint of eu-west-1 (or an emulator) refuses. us-east-1 is the one without a constraint.
    public Task CreateAsync(string bucket, string region, CancellationToken cancellationToken) =>
        call.RunAsync("s3", "CreateBucket", ct => client.PutBucketAsync(new PutBucketRequest
        {
            BucketName = bucket,
            UseClientRegion = false,
            PutBucketConfiguration = region == "us-east-1" ? null : new PutBucketConfiguration { LocationConstraint = new BucketLocationConstraint(region) },
        }, ct), cancellationToken);

    public async Task SecureAsync(string bucket, CancellationToken cancellationToken)
    {
        await call.RunAsync("s3", "PutBucketVersioning", ct => client.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        }, ct), cancellationToken).ConfigureAwait(false);
        await call.RunAsync("s3", "PutEncryptionConfiguration", ct => client.PutBucketEncryptionAsync(new PutBucketEncryptionRequest
        {
            BucketName = bucket,
            ServerSideEncryptionConfiguration = new ServerSideEncryptionConfiguration
            {
                ServerSideEncryptionRules = [new ServerSideEncryptionRule { ServerSideEncryptionByDefault = new ServerSideEncryptionByDefault { ServerSideEncryptionAlgorithm = ServerSideEncryptionMethod.AES256 } }],
            },
        }, ct), cancellationToken).ConfigureAwait(false);
        await call.RunAsync("s3", "PutBucketPublicAccessBlock", ct => client.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = bucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true,
                BlockPublicPolicy = true,
                IgnorePublicAcls = true,
                RestrictPublicBuckets = true,
            },
        }, ct), cancellationToken).ConfigureAwait(false);
    }
}
