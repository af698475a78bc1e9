using Amazon.DynamoDBv2;
using Amazon.S3;
using Stagecraft.TestSupport.Moto;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>
/// moto_server as a third S3 and DynamoDB for the s3 state store, beside s3rver and dynalite
/// (one server for the class; each test takes a fresh bucket and table).
/// </summary>
public sealed class MotoStores : IAsyncLifetime, IS3Stores
{
    private readonly MotoServer _moto = new();

    public Uri S3Url => _moto.Url;

    public Uri DynamoUrl => _moto.Url;

    public AmazonS3Client S3 { get; private set; } = null!;

    public AmazonDynamoDBClient Dynamo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _moto.InitializeAsync();
        S3 = LocalAws.S3Client(S3Url);
        Dynamo = LocalAws.DynamoClient(DynamoUrl);
    }

    public async Task<S3Place> NewPlaceAsync()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..16];
        await S3.PutBucketAsync(name);
        await LocalAws.CreateTableAsync(Dynamo, name);
        return new S3Place(this, name, name, "demo", "local");
    }

    public async Task DisposeAsync()
    {
        S3?.Dispose();
        Dynamo?.Dispose();
        await _moto.DisposeAsync();
    }
}
