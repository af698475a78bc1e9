using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Stagecraft.Aws.State;

/// <summary>
/// The environment's item in the DynamoDB lock table. Every change is one conditional request, so
/// DynamoDB decides races: two takers of a lock, or two writers advancing the state pointer.
/// </summary>
internal sealed class ControlTable(IAmazonDynamoDB dynamo, StateLocation location, string where)
{
    private const string Service = "DynamoDB";
    private const string Ours = "#host = :my_host AND #pid = :my_pid";

    // StateClients' SDK configuration retries already; a second layer would only slow a failure down.
    private static readonly SdkCall Call = SdkCall.Once;

    private readonly StateLocation _location = location;
    private readonly string _where = $"{where}, table '{location.LockTable}'";

    public async Task<Dictionary<string, AttributeValue>?> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await Call.RunAsync(Site("reading the lock"), "GetItem", ct => dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _location.LockTable,
            Key = Key(),
            ConsistentRead = true,
        }, ct), cancellationToken).ConfigureAwait(false);
        return response.IsItemSet && response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>
    /// Takes the lock if it is free or its lease expired, or — given <paramref name="replacing"/> —
    /// if that exact holder still has it. Null when the condition failed; else the item as it was.
    /// </summary>
    public async Task<Dictionary<string, AttributeValue>?> TryLockAsync(LockInfo mine, DateTimeOffset now, DateTimeOffset leaseExpires, LockInfo? replacing, CancellationToken cancellationToken)
    {
        var values = ControlItem.LockValues(mine, leaseExpires);
        values[":now"] = ControlItem.Number(now.ToUnixTimeMilliseconds());
        string condition;
        if (replacing is null)
        {
            condition = "attribute_not_exists(#holder) OR #lease_expires_at < :now";
        }
        else
        {
            condition = "#host = :old_host AND #pid = :old_pid AND #acquired_at = :old_acquired_at";
            values[":old_host"] = new AttributeValue { S = replacing.Host };
            values[":old_pid"] = ControlItem.Number(replacing.Pid);
            values[":old_acquired_at"] = new AttributeValue { S = ControlItem.Text(replacing.AcquiredAt) };
        }

        var response = await UpdateAsync("taking the lock", ControlItem.LockUpdate(mine), condition, values, ReturnValue.ALL_OLD, cancellationToken).ConfigureAwait(false);
        return response is null ? null : response.Attributes ?? [];
    }

    /// <summary>Extends our lease; false when the lock is no longer ours.</summary>
    public async Task<bool> HeartbeatAsync(LockInfo mine, DateTimeOffset now, DateTimeOffset leaseExpires, CancellationToken cancellationToken)
    {
        var values = Mine(mine);
        values[":heartbeat_at"] = new AttributeValue { S = ControlItem.Text(now) };
        values[":lease_expires_at"] = ControlItem.Number(leaseExpires.ToUnixTimeMilliseconds());
        return await UpdateAsync("renewing the lock's lease", "SET #heartbeat_at = :heartbeat_at, #lease_expires_at = :lease_expires_at", Ours, values, ReturnValue.NONE, cancellationToken)
            .ConfigureAwait(false) is not null;
    }

    public async Task ReleaseAsync(LockInfo mine, CancellationToken cancellationToken)
    {
        // An item that only ever held the lock goes entirely; one that points at state keeps that.
        if (!await TryDeleteAsync($"{Ours} AND attribute_not_exists(#state_serial)", Mine(mine), cancellationToken).ConfigureAwait(false))
        {
            await UpdateAsync("releasing the lock", RemoveLock, Ours, Mine(mine), ReturnValue.NONE, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes whatever lock there is and returns it.</summary>
    public async Task<LockInfo?> BreakAsync(CancellationToken cancellationToken)
    {
        var response = await UpdateAsync("removing the lock", RemoveLock, "attribute_exists(#holder)", [], ReturnValue.ALL_OLD, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        await TryDeleteAsync("attribute_not_exists(#holder) AND attribute_not_exists(#state_serial)", [], cancellationToken).ConfigureAwait(false);
        return ControlItem.ReadLock(response.Attributes);
    }

    /// <summary>
    /// Points the environment at <paramref name="next"/> if the current version is still
    /// <paramref name="expected"/> (and, when <paramref name="owner"/> is given, the lock is still
    /// theirs). False when either condition failed: nothing changed.
    /// </summary>
    public async Task<bool> TryAdvanceAsync(StateHead? expected, StateHead next, DateTimeOffset now, LockInfo? owner, CancellationToken cancellationToken)
    {
        var values = owner is null ? [] : Mine(owner);
        values[":serial"] = ControlItem.Number(next.Serial);
        values[":key"] = new AttributeValue { S = next.Key };
        values[":sha"] = new AttributeValue { S = next.Sha256 };
        values[":written_at"] = new AttributeValue { S = ControlItem.Text(now) };
        var condition = expected is null ? "attribute_not_exists(#state_serial)" : "#state_serial = :expected";
        if (expected is not null)
        {
            values[":expected"] = ControlItem.Number(expected.Serial);
        }

        if (owner is not null)
        {
            condition += " AND " + Ours;
        }

        return await UpdateAsync("recording the new state version", "SET #state_serial = :serial, #state_key = :key, #state_sha256 = :sha, #state_written_at = :written_at",
            condition, values, ReturnValue.NONE, cancellationToken).ConfigureAwait(false) is not null;
    }

    private static string RemoveLock => "REMOVE " + string.Join(", ", ControlItem.LockAttributes.Select(a => "#" + a));

    private static Dictionary<string, AttributeValue> Mine(LockInfo mine) => new()
    {
        [":my_host"] = new AttributeValue { S = mine.Host },
        [":my_pid"] = ControlItem.Number(mine.Pid),
    };

    private Dictionary<string, AttributeValue> Key() => new() { [ControlItem.Id] = new AttributeValue { S = _location.LockId } };

    /// <summary>One conditional update; null when its condition failed.</summary>
    private Task<UpdateItemResponse?> UpdateAsync(string what, string update, string condition, Dictionary<string, AttributeValue> values, ReturnValue returns, CancellationToken cancellationToken)
    {
        var (names, used) = ControlItem.Placeholders(values, update, condition);
        return Call.RunAsync<UpdateItemResponse?>(Site(what), "UpdateItem", async ct =>
        {
            try
            {
                return await dynamo.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = _location.LockTable,
                    Key = Key(),
                    UpdateExpression = update,
                    ConditionExpression = condition,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = used.Count == 0 ? null : used,
                    ReturnValues = returns,
                }, ct).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException)
            {
                return null;
            }
        }, cancellationToken);
    }

    private Task<bool> TryDeleteAsync(string condition, Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        var (names, used) = ControlItem.Placeholders(values, condition);
        return Call.RunAsync(Site("removing the lock"), "DeleteItem", async ct =>
        {
            try
            {
                await dynamo.DeleteItemAsync(new DeleteItemRequest
                {
                    TableName = _location.LockTable,
                    Key = Key(),
                    ConditionExpression = condition,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = used.Count == 0 ? null : used,
                }, ct).ConfigureAwait(false);
                return true;
            }
            catch (ConditionalCheckFailedException)
            {
                return false;
            }
        }, cancellationToken);
    }

    private SdkCallSite Site(string what) => new(Service, _where, what);
}
