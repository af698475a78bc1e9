using Stagecraft.Aws.Bootstrap;

namespace Stagecraft.Aws.Sdk;

/// <summary>The services reached through the AWS SDK (the rest go through the aws CLI); tests give fakes.</summary>
internal interface IAwsSdk
{
    IParameterStore Parameters { get; }

    IEc2 Ec2 { get; }

    ISts Sts { get; }

    IBucketAdmin Buckets { get; }

    ILockTableAdmin LockTables { get; }
}
