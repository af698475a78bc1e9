using System.Text;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using Stagecraft.Aws.State;
using Stagecraft.Core.Secrets;
using Stagecraft.Core.State;
using Stagecraft.Integration.Tests.State.Contract;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>A bucket and lock table of one test: opens s3 stores on them and looks at them behind their back.</summary>
public sealed class S3Place : IStateHarness
{
    private readonly IS3Stores _aws;
    private readonly List<IAsyncDisposable> _stores = [];

    internal S3Place(IS3Stores aws, string bucket, string table, string project, string environment)
    {
        _aws = aws;
        Bucket = bucket;
        Table = table;
        Project = project;
        Environment = environment;
    }

    public string Bucket { get; }

    public string Table { get; }

    public string Project { get; }

    public string Environment { get; }

    internal string LockId => $"{Bucket}/stagecraft/{Project}/{Environment}";

    public IStateStore Open(IValueProtector? protector = null, TimeProvider? time = null) => OpenS3(protector, time);

    internal S3StateStore OpenS3(IValueProtector? protector = null, TimeProvider? time = null, TimeSpan? lease = null, Uri? s3 = null, Uri? dynamo = null)
    {
        var settings = new S3StateSettings(Bucket, S3StateSettings.DefaultKeyPrefix, "us-east-1", Table, s3 ?? _aws.S3Url, dynamo ?? _aws.DynamoUrl, null,
            lease ?? S3StateSettings.DefaultLockLease);
        var store = new S3StateStore(StateLocation.For(settings, Project, Environment), StateClients.Create(settings), protector, time ?? TimeProvider.System, settings.LockLease);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    /// <summary>The 'state:' line of an environment using this place, for CLI tests.</summary>
    public string StateYaml(string? lease = null) =>
        $"state: {{ backend: s3, bucket: {Bucket}, lock_table: {Table}, region: us-east-1, endpoint: \"{_aws.S3Url}\", lock_endpoint: \"{_aws.DynamoUrl}\"{(lease is null ? "" : $", lock_lease: {lease}")} }}";

    public async Task<Dictionary<string, AttributeValue>?> ItemAsync()
    {
        var response = await _aws.Dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new() { ["lock_id"] = new AttributeValue { S = LockId } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Moves the lock to another host, as if a CI runner elsewhere held it.</summary>
    public async Task MoveLockToHostAsync(string host) =>
        await _aws.Dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table,
            Key = new() { ["lock_id"] = new AttributeValue { S = LockId } },
            UpdateExpression = "SET #host = :host",
            ExpressionAttributeNames = new() { ["#host"] = "host" },
            ExpressionAttributeValues = new() { [":host"] = new AttributeValue { S = host } },
        });

    /// <summary>Ends the lock's lease now, as the passing of its whole lease time would, without waiting for it.</summary>
    public async Task ExpireLeaseAsync() =>
        await _aws.Dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = Table,
            Key = new() { ["lock_id"] = new AttributeValue { S = LockId } },
            UpdateExpression = "SET lease_expires_at = :past",
            ExpressionAttributeValues = new()
            {
                [":past"] = new AttributeValue { N = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            },
        });

    public async Task<List<string>> KeysAsync()
    {
        var response = await _aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
        return (response.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    public async Task<string> ReadObjectAsync(string key)
    {
        using var response = await _aws.S3.GetObjectAsync(Bucket, key);
        using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Changes an object's content behind the store's back, keeping its metadata (as an edit in place would).</summary>
    public async Task TamperAsync(string key, Func<string, string> edit)
    {
        var metadata = (await _aws.S3.GetObjectMetadataAsync(Bucket, key)).Metadata;
        var request = new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = edit(await ReadObjectAsync(key)), UseChunkEncoding = false };
        foreach (var name in metadata.Keys)
        {
            request.Metadata.Add(name, metadata[name]);
        }

        await _aws.S3.PutObjectAsync(request);
    }

    public async Task<bool> HasStateAsync() => (await KeysAsync()).Count > 0 || await ItemAsync() is not null;

    public async Task<bool> StoredBytesContainAsync(string text)
    {
        foreach (var key in await KeysAsync())
        {
            if ((await ReadObjectAsync(key)).Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        var item = await ItemAsync();
        return item is not null && item.Values.Any(v => (v.S ?? "").Contains(text, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
