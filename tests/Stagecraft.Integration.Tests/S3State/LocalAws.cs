using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Stagecraft.TestSupport;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>
/// s3rver (S3) and dynalite (DynamoDB) on free 127.0.0.1 ports, started once for the test run.
/// Each test takes its own bucket and table from <see cref="NewPlaceAsync"/>.
/// </summary>
public sealed class LocalAws : IAsyncLifetime, IS3Stores
{
    /// <summary>The credentials s3rver accepts; dynalite accepts any.</summary>
    public const string AccessKey = "S3RVER";

    private readonly TempDirectory _data = new("stagecraft-s3rver");
    private NodeServer? _s3;
    private NodeServer? _dynamo;

    public Uri S3Url => _s3!.Url;

    public Uri DynamoUrl => _dynamo!.Url;

    public AmazonS3Client S3 { get; private set; } = null!;

    public AmazonDynamoDBClient Dynamo { get; private set; } = null!;

    /// <summary>What a CLI child process needs to reach the local stores.</summary>
    public Dictionary<string, string> CliEnvironment => new()
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = AccessKey,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public async Task InitializeAsync()
    {
        // The stores this process opens use the standard credential chain, as the CLI does.
        foreach (var (name, value) in CliEnvironment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        await NodeTools.EnsureInstalledAsync();
        _s3 = await StartS3rverAsync(FreePort.Next(), _data.Path);
        _dynamo = await StartDynaliteAsync(FreePort.Next(), null);
        S3 = S3Client(S3Url);
        Dynamo = DynamoClient(DynamoUrl);
    }

    /// <summary>An s3rver of its own (for tests that stop and restart S3), keeping its objects in <paramref name="directory"/>.</summary>
    internal static Task<NodeServer> StartS3rverAsync(int port, string directory) =>
        NodeServer.StartAsync(NodeTools.S3rverScript, port, "--directory", directory, "--address", "127.0.0.1",
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent");

    /// <summary>A dynalite of its own; with <paramref name="directory"/> its tables survive a restart.</summary>
    internal static Task<NodeServer> StartDynaliteAsync(int port, string? directory)
    {
        string[] args = ["--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"];
        return NodeServer.StartAsync(NodeTools.DynaliteScript, port, directory is null ? args : [.. args, "--path", directory]);
    }

    internal static AmazonS3Client S3Client(Uri url) => new(new BasicAWSCredentials(AccessKey, AccessKey), new AmazonS3Config
    {
        ServiceURL = url.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    internal static AmazonDynamoDBClient DynamoClient(Uri url) =>
        new(new BasicAWSCredentials(AccessKey, AccessKey), new AmazonDynamoDBConfig { ServiceURL = url.ToString(), AuthenticationRegion = "us-east-1" });

    /// <summary>A new bucket and lock table (same fresh name) for one test.</summary>
    public async Task<S3Place> NewPlaceAsync(string project = "demo", string environment = "local")
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..16];
        await S3.PutBucketAsync(name);
        await CreateTableAsync(Dynamo, name);
        return new S3Place(this, name, name, project, environment);
    }

    internal static async Task CreateTableAsync(IAmazonDynamoDB dynamo, string table)
    {
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            AttributeDefinitions = [new AttributeDefinition("lock_id", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("lock_id", KeyType.HASH)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        for (var i = 0; i < 100 && (await dynamo.DescribeTableAsync(table)).Table.TableStatus != TableStatus.ACTIVE; i++)
        {
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        S3?.Dispose();
        Dynamo?.Dispose();
        if (_s3 is not null)
        {
            await _s3.DisposeAsync();
        }

        if (_dynamo is not null)
        {
            await _dynamo.DisposeAsync();
        }

        _data.Dispose();
    }
}
