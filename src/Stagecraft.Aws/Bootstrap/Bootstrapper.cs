namespace Stagecraft.Aws.Bootstrap;

/// <summary>
/// Prepares an account for Stagecraft: a versioned, encrypted, private state bucket, a lock table
/// and a deployment bucket in the environment's region (an s3 state's own bucket and table are
/// prepared by <see cref="StateBootstrapper"/>, where the state reaches them); a deployment bucket
/// in every other region its stages use; and 'cdk bootstrap' for every region a cdk stage deploys
/// to. Idempotent: what exists is kept (its bucket settings are applied again, which changes
/// nothing when they are already so; cdk bootstrap reports "no changes").
/// </summary>
internal sealed class Bootstrapper(AwsEnvironment aws)
{
    private readonly AwsEnvironment _aws = aws;

    public async Task<IReadOnlyList<BootstrapItem>> RunAsync(EnvironmentDefinition environment, BootstrapStages stages, CancellationToken cancellationToken)
    {
        var account = await _aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var names = BootstrapNames.For(environment, account, _aws.Region);
        var items = new List<BootstrapItem>();
        if (!StateBootstrapper.Applies(environment))
        {
            // No s3 state yet: the default state bucket and lock table, ready for one.
            items.Add(await BucketAsync(_aws, "state bucket", names.StateBucket, cancellationToken).ConfigureAwait(false));
            items.Add(await TableAsync(names.LockTable, cancellationToken).ConfigureAwait(false));
        }

        items.Add(await BucketAsync(_aws, "deployment bucket", names.DeploymentBucket, cancellationToken).ConfigureAwait(false));

        // A named deployment bucket is the environment region's: other regions use their default one.
        foreach (var region in stages.OtherRegions)
        {
            items.Add(await BucketAsync(_aws.InRegion(region), "deployment bucket", BootstrapNames.DefaultDeploymentBucket(account, region), cancellationToken).ConfigureAwait(false));
        }

        foreach (var cdk in stages.Cdk)
        {
            items.Add(await CdkBootstrapper.RunAsync(_aws.InRegion(cdk.Region), account, cdk, cancellationToken).ConfigureAwait(false));
        }

        return items;
    }

    private static async Task<BootstrapItem> BucketAsync(AwsEnvironment aws, string what, string bucket, CancellationToken cancellationToken)
    {
        var buckets = aws.Sdk.Buckets;
        var exists = await buckets.ExistsAsync(bucket, cancellationToken).ConfigureAwait(false);
        if (!exists)
        {
            await buckets.CreateAsync(bucket, aws.Region, cancellationToken).ConfigureAwait(false);
        }

        await buckets.SecureAsync(bucket, cancellationToken).ConfigureAwait(false);
        return new BootstrapItem(what, bucket, !exists);
    }

    private async Task<BootstrapItem> TableAsync(string table, CancellationToken cancellationToken)
    {
        var tables = _aws.Sdk.LockTables;
        var exists = await tables.ExistsAsync(table, cancellationToken).ConfigureAwait(false);
        if (!exists)
        {
            await tables.CreateAsync(table, cancellationToken).ConfigureAwait(false);
        }

        return new BootstrapItem("lock table", table, !exists);
    }
}
