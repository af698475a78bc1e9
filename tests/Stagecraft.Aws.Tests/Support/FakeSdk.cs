using System.Collections.Concurrent;
using Stagecraft.Aws.Bootstrap;
using Stagecraft.Aws.Ec2;
using Stagecraft.Aws.Sdk;
using Stagecraft.Core.Parameters;

namespace Stagecraft.Aws.Tests.Support;

/// <summary>The SDK-backed services (SSM, EC2, STS, S3, DynamoDB) as in-memory fakes.</summary>
internal sealed class FakeSdk : IAwsSdk, ISts, IBucketAdmin, ILockTableAdmin
{
    public InMemoryParameters ParameterStore { get; } = new();

    public FakeEc2 FakeEc2 { get; } = new();

    public string Account { get; set; } = "123456789012";

    public ConcurrentDictionary<string, string> BucketsCreated { get; } = new();

    public ConcurrentDictionary<string, int> BucketsSecured { get; } = new();

    public ConcurrentDictionary<string, bool> Tables { get; } = new();

    public IParameterStore Parameters => ParameterStore;

    public IEc2 Ec2 => FakeEc2;

    public ISts Sts => this;

    public IBucketAdmin Buckets => this;

    public ILockTableAdmin LockTables => this;

    public Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new CallerIdentity(Account, $"arn:aws:iam::{Account}:user/deployer"));

    Task<bool> IBucketAdmin.ExistsAsync(string bucket, CancellationToken cancellationToken) => Task.FromResult(BucketsCreated.ContainsKey(bucket));

    public Task CreateAsync(string bucket, string region, CancellationToken cancellationToken)
    {
        BucketsCreated[bucket] = region;
        return Task.CompletedTask;
    }

    public Task SecureAsync(string bucket, CancellationToken cancellationToken)
    {
        BucketsSecured.AddOrUpdate(bucket, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    Task<bool> ILockTableAdmin.ExistsAsync(string table, CancellationToken cancellationToken) => Task.FromResult(Tables.ContainsKey(table));

    Task ILockTableAdmin.CreateAsync(string table, CancellationToken cancellationToken)
    {
        Tables[table] = true;
        return Task.CompletedTask;
    }
}
