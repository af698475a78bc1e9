using Stagecraft.Aws.Targets;
using Stagecraft.Core.Config;

namespace Stagecraft.Aws.Bootstrap;

/// <summary>
/// Prepares an account and region for Stagecraft: a versioned, encrypted, private state bucket,
/// a lock table and a deployment bucket (an s3 state's own bucket and table are prepared by
/// <see cref="StateBootstrapper"/>, where the state reaches them). Idempotent: what exists is kept (its bucket settings
/// are applied again, which changes nothing when they are already so).
/// </summary>
internal sealed class Bootstrapper
{
    private readonly AwsEnvironment _aws;

    public Bootstrapper(AwsEnvironment aws)
    {
        _aws = aws;
    }

    public async Task<IReadOnlyList<BootstrapItem>> RunAsync(EnvironmentDefinition environment, CancellationToken cancellationToken)
    {
        var account = await _aws.AccountAsync(cancellationToken).ConfigureAwait(false);
        var names = BootstrapNames.For(environment, account, _aws.Region);
        var items = new List<BootstrapItem>();
        if (!StateBootstrapper.Applies(environment))
        {
            // No s3 state yet: the default state bucket and lock table, ready for one.
            items.Add(await BucketAsync("state bucket", names.StateBucket, cancellationToken).ConfigureAwait(false));
            items.Add(await TableAsync(names.LockTable, cancellationToken).ConfigureAwait(false));
        }

        items.Add(await BucketAsync("deployment bucket", names.DeploymentBucket, cancellationToken).ConfigureAwait(false));
        return items;
    }

    private async Task<BootstrapItem> BucketAsync(string what, string bucket, CancellationToken cancellationToken)
    {
        var buckets = _aws.Sdk.Buckets;
        var exists = await buckets.ExistsAsync(bucket, cancellationToken).ConfigureAwait(false);
        if (!exists)
        {
            await buckets.CreateAsync(bucket, _aws.Region, cancellationToken).ConfigureAwait(false);
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
