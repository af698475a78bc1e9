namespace Stagecraft.Aws.Tests.Kinds;

/// <summary>Small templates in the short-form YAML people write.</summary>
internal static class Templates
{
    public const string Storage = """
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Prefix:
            Type: String
          Tier:
            Type: String
            Default: standard
            AllowedValues: [standard, premium]
        Conditions:
          Premium: !Equals [!Ref Tier, premium]
        Resources:
          DataBucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Sub "${Prefix}-data"
          Volume:
            Type: AWS::EFS::FileSystem
            Properties:
              PerformanceMode: !If [Premium, maxIO, generalPurpose]
        Outputs:
          BucketName:
            Value: !Ref DataBucket
          VolumeId:
            Value: !GetAtt Volume.FileSystemId
        """;

    public const string StorageWithQueue = Storage + """

          QueueUrl:
            Value: !Ref Queue
        """;
}
