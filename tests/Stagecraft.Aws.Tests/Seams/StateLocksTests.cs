using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using NSubstitute;
using Stagecraft.Aws.State;
using Stagecraft.Core.State;

namespace Stagecraft.Aws.Tests.Seams;

public sealed class StateLocksTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly IAmazonDynamoDB _dynamo = Substitute.For<IAmazonDynamoDB>();
    private readonly StateLocks _locks;

    public StateLocksTests()
    {
        var location = new StateLocation("bucket", "demo/test", "locks", "test");
        var control = new ControlTable(_dynamo, location, "test");
        var repository = new StateRepository(location, control, new VersionObjects(Substitute.For<IAmazonS3>(), location, "test"), null, TimeProvider.System);
        _locks = new StateLocks(control, repository, TimeProvider.System, TimeSpan.FromMinutes(5));
    }

    private static LockInfo Run(int pid) => new("ci", "build-1", pid, 42, "deploy", Now, Now);

    [Fact]
    public async Task A_lock_whose_reply_was_lost_and_retried_is_recognised_as_ours()
    {
        // The first put took the lock, its reply was lost; the SDK's retry then fails its condition.
        _dynamo.UpdateItemAsync(Arg.Any<UpdateItemRequest>(), Arg.Any<CancellationToken>()).Returns<UpdateItemResponse>(_ => throw new ConditionalCheckFailedException("The conditional request failed"));
        _dynamo.GetItemAsync(Arg.Any<GetItemRequest>(), Arg.Any<CancellationToken>()).Returns(new GetItemResponse { Item = Item(Run(100)), IsItemSet = true });

        var attempt = await _locks.TryAcquireAsync(Run(100), _ => false, CancellationToken.None);

        attempt.Should().BeOfType<LockAttempt.Acquired>();
    }

    [Fact]
    public async Task A_lock_held_by_another_run_on_the_same_host_is_reported_as_held()
    {
        _dynamo.UpdateItemAsync(Arg.Any<UpdateItemRequest>(), Arg.Any<CancellationToken>()).Returns<UpdateItemResponse>(_ => throw new ConditionalCheckFailedException("The conditional request failed"));
        _dynamo.GetItemAsync(Arg.Any<GetItemRequest>(), Arg.Any<CancellationToken>()).Returns(new GetItemResponse { Item = Item(Run(200)), IsItemSet = true });

        var attempt = await _locks.TryAcquireAsync(Run(100), _ => false, CancellationToken.None);

        attempt.Should().BeOfType<LockAttempt.Held>().Which.Holder.Pid.Should().Be(200);
    }

    private static Dictionary<string, AttributeValue> Item(LockInfo holder) => new()
    {
        [ControlItem.Holder] = new AttributeValue { S = holder.Holder },
        [ControlItem.Host] = new AttributeValue { S = holder.Host },
        [ControlItem.Pid] = new AttributeValue { N = holder.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        [ControlItem.PidStart] = new AttributeValue { N = holder.PidStart!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        [ControlItem.Command] = new AttributeValue { S = holder.Command },
        [ControlItem.AcquiredAt] = new AttributeValue { S = ControlItem.Text(holder.AcquiredAt) },
        [ControlItem.HeartbeatAt] = new AttributeValue { S = ControlItem.Text(holder.HeartbeatAt) },
        [ControlItem.LeaseExpiresAt] = new AttributeValue { N = (Now + TimeSpan.FromMinutes(5)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };
}
