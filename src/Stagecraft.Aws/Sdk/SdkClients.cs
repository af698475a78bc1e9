using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SimpleSystemsManagement;
using Stagecraft.Aws.Bootstrap;
using Stagecraft.Aws.Ec2;
using Stagecraft.Aws.Parameters;
using Stagecraft.Core.Parameters;

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
        _parameters = new(() => new SsmParameterStore(Track(Make((c, r) => new AmazonSimpleSystemsManagementClient(c, r), r => new AmazonSimpleSystemsManagementClient(r))), _call));
        _ec2 = new(() => new SdkEc2(Track(Make((c, r) => new AmazonEC2Client(c, r), r => new AmazonEC2Client(r))), _call));
        _sts = new(() => new SdkSts(Track(Make((c, r) => new AmazonSecurityTokenServiceClient(c, r), r => new AmazonSecurityTokenServiceClient(r))), _call));
        _buckets = new(() => new SdkBucketAdmin(Track(Make((c, r) => new AmazonS3Client(c, r), r => new AmazonS3Client(r))), _call));
        _lockTables = new(() => new SdkLockTableAdmin(Track(Make((c, r) => new AmazonDynamoDBClient(c, r), r => new AmazonDynamoDBClient(r))), _call, time, pollInterval));
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

    private T Make<T>(Func<Amazon.Runtime.AWSCredentials, Amazon.RegionEndpoint, T> withCredentials, Func<Amazon.RegionEndpoint, T> withChain)
    {
        var credentials = _connection.Credentials();
        return credentials is null ? withChain(_connection.Endpoint) : withCredentials(credentials, _connection.Endpoint);
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
