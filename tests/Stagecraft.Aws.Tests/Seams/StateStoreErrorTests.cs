using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using NSubstitute;
using Stagecraft.Aws.State;
using Stagecraft.Core.Diagnostics;

namespace Stagecraft.Aws.Tests.Seams;

/// <summary>The s3 state store's AWS failures go through the one SDK wrapper: same words as before, now with their SC-AWS code.</summary>
public sealed class StateStoreErrorTests
{
    private static readonly StateLocation Location = new("bucket", "demo/test", "locks", "test");
    private readonly IAmazonS3 _s3 = Substitute.For<IAmazonS3>();
    private readonly IAmazonDynamoDB _dynamo = Substitute.For<IAmazonDynamoDB>();

    [Fact]
    public async Task A_missing_state_bucket_carries_its_code_and_keeps_its_words()
    {
        _s3.GetObjectAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns<GetObjectResponse>(_ => throw new AmazonS3Exception("The specified bucket does not exist") { StatusCode = HttpStatusCode.NotFound, ErrorCode = "NoSuchBucket" });
        var objects = new VersionObjects(_s3, Location, "region eu-west-2");

        var read = () => objects.GetAsync("demo/test/1.json", CancellationToken.None);

        var error = (await read.Should().ThrowAsync<AwsException>()).Which;
        error.Message.Should().Be("SC-AWS-0004: the S3 bucket does not exist at region eu-west-2, bucket 'bucket' (reading demo/test/1.json)");
        error.Hint.Should().Be("create it (see docs/state.md), or fix 'bucket'");
        (error.Code, error.AwsCode, error.Operation, error.ExitCode).Should().Be(("SC-AWS-0004", "NoSuchBucket", "GetObject", ExitCodes.StageFailed));
    }

    [Fact]
    public async Task A_denied_lock_read_carries_the_access_denied_code()
    {
        _dynamo.GetItemAsync(Arg.Any<GetItemRequest>(), Arg.Any<CancellationToken>())
            .Returns<GetItemResponse>(_ => throw new AmazonDynamoDBException("not authorized") { StatusCode = HttpStatusCode.Forbidden, ErrorCode = "AccessDeniedException" });
        var control = new ControlTable(_dynamo, Location, "region eu-west-2");

        var read = () => control.ReadAsync(CancellationToken.None);

        (await read.Should().ThrowAsync<AwsException>()).Which.Message.Should()
            .Be("SC-AWS-0003: DynamoDB at region eu-west-2, table 'locks' denied reading the lock: AccessDeniedException: not authorized");
    }

    [Fact]
    public async Task An_unreachable_store_carries_its_code_and_names_the_endpoint()
    {
        _s3.PutObjectAsync(Arg.Any<PutObjectRequest>(), Arg.Any<CancellationToken>())
            .Returns<PutObjectResponse>(_ => throw new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)));
        var objects = new VersionObjects(_s3, Location, "http://127.0.0.1:9");

        var write = () => objects.PutAsync([1], new VersionInfo(3, "k", null, null, DateTimeOffset.UnixEpoch, "me", "test", 1), CancellationToken.None);

        var error = (await write.Should().ThrowAsync<AwsException>()).Which;
        error.Message.Should().StartWith("SC-AWS-0004: cannot reach S3 at http://127.0.0.1:9, bucket 'bucket' (writing state version 3): ");
        error.Hint.Should().Contain("lock_endpoint").And.Contain("nothing was written");
    }

    [Fact]
    public async Task A_missing_version_object_is_an_answer_not_an_error()
    {
        _s3.GetObjectMetadataAsync(Arg.Any<string>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns<GetObjectMetadataResponse>(_ => throw new AmazonS3Exception("Not Found") { StatusCode = HttpStatusCode.NotFound });
        var objects = new VersionObjects(_s3, Location, "region eu-west-2");

        (await objects.DescribeAsync("demo/test/1.json", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task A_failed_condition_is_an_answer_not_an_error()
    {
        _dynamo.UpdateItemAsync(Arg.Any<UpdateItemRequest>(), Arg.Any<CancellationToken>())
            .Returns<UpdateItemResponse>(_ => throw new ConditionalCheckFailedException("The conditional request failed"));
        var control = new ControlTable(_dynamo, Location, "region eu-west-2");

        (await control.BreakAsync(CancellationToken.None)).Should().BeNull();
    }
}
