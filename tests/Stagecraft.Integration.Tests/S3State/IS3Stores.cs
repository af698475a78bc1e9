using Amazon.DynamoDBv2;
using Amazon.S3;

namespace Stagecraft.Integration.Tests.S3State;

/// <summary>An S3 and a DynamoDB the s3 state tests run against: s3rver and dynalite, or moto.</summary>
public interface IS3Stores
{
    Uri S3Url { get; }

    Uri DynamoUrl { get; }

    /// <summary>A client for looking at the bucket behind the store's back.</summary>
    AmazonS3Client S3 { get; }

    AmazonDynamoDBClient Dynamo { get; }
}
