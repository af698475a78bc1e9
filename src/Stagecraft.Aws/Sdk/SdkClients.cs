using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using Stagecraft.Aws.Bootstrap;
using Stagecraft.Aws.Parameters;

namespace Stagecraft.Aws.Sdk;

/// <summary>
/// SDK clients for one region and profile, made on first use: 'validate' and 'plan' of a
/// project that reads no parameter never need credentials.
/// </summary>
internal sealed class SdkClients : IAwsSdk, IDisposable
{
    private readonly AwsConnection _connection;
    private readonly SdkCall _call;
    private readonly List<IDisposable> _clients = [];
    private readonly Lazy<IParameterStore> _parameters;
    private readonly Lazy<IEc2> _ec2;
    private readonly Lazy<ISts> _sts;
    private readonly Lazy<IBucketAdmin> _buckets;
    private readonly Lazy<ILockTableAdmin> _lockTables;

    public SdkClients(AwsConnection connection, SdkCall call, TimeProvider time, TimeSpan pollInterval)
    {
        _connection = connection;
        _call = call;
        _parameters = new(() => new SsmParameterStore(Track(Make("ssm", new AmazonSimpleSystemsManagementConfig(), (c, r) => new AmazonSimpleSystemsManagementClient(c, r), r => new AmazonSimpleSystemsManagementClient(r))), _call));
        _ec2 = new(() => new SdkEc2(Track(Make("ec2", new AmazonEC2Config(), (c, r) => new AmazonEC2Client(c, r), r => new AmazonEC2Client(r))), _call));
        _sts = new(() => new SdkSts(Track(Make("sts", new AmazonSecurityTokenServiceConfig(), (c, r) => new AmazonSecurityTokenServiceClient(c, r), r => new AmazonSecurityTokenServiceClient(r))), _call));
        _buckets = new(() => new SdkBucketAdmin(Track(Make("s3", S3Config(), (c, r) => new AmazonS3Client(c, r), r => new AmazonS3Client(r))), _call));
        _lockTables = new(() => new SdkLockTableAdmin(Track(Make("dynamodb", new AmazonDynamoDBConfig(), (c, r) => new AmazonDynamoDBClient(c, r), r => new AmazonDynamoDBClient(r))), _call, time, pollInterval));
    }

    public IParameterStore Parameters => _parameters.Value;

    public IEc2 Ec2 => _ec2.Value;

    public ISts Sts => _sts.Value;

    public IBucketAdmin Buckets => _buckets.Value;

    public ILockTableAdmin LockTables => _lockTables.Value;

    public void Dispose()
    {
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
            _clients.Clear();
        }
    }

    private T Make<T, TConfig>(string service, TConfig config, Func<Amazon.Runtime.AWSCredentials, TConfig, T> withCredentials, Func<TConfig, T> withChain)
        where TConfig : Amazon.Runtime.ClientConfig
    {
        _connection.Configure(config, service);
        var credentials = _connection.Credentials();
        return credentials is null ? withChain(config) : withCredentials(credentials, config);
    }

    private AmazonS3Config S3Config()
    {
        var config = new AmazonS3Config();
        if (_connection.Endpoints.For("s3") is not null)
        {
            // S3-compatible endpoints rarely know virtual-host buckets or the newer checksum trailers.
            config.ForcePathStyle = true;
            config.RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED;
        }

        return config;
    }

    private T Track<T>(T client)
        where T : IDisposable
    {
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }
}
