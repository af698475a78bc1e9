using Amazon.DynamoDBv2.Model;

namespace Stagecraft.Aws.State;

/// <summary>
/// The attributes of an environment's item in the lock table: the lock (holder … lease_expires_at,
/// absent while unlocked) and the pointer to the current state version (state_*).
/// </summary>
internal static class ControlItem
{
    public const string Id = "lock_id";
    public const string Holder = "holder";
    public const string Host = "host";
    public const string Pid = "pid";
    public const string PidStart = "pid_start";
    public const string Command = "command";
    public const string AcquiredAt = "acquired_at";
    public const string HeartbeatAt = "heartbeat_at";

    /// <summary>Unix milliseconds, a number, so a condition can compare it with now.</summary>
    public const string LeaseExpiresAt = "lease_expires_at";

    public const string Serial = "state_serial";
    public const string Key = "state_key";
    public const string Sha256 = "state_sha256";
    public const string WrittenAt = "state_written_at";

    public static readonly string[] LockAttributes = [Holder, Host, Pid, PidStart, Command, AcquiredAt, HeartbeatAt, LeaseExpiresAt];

    /// <summary>
    /// The #name and :value placeholders the expressions use, and only those (DynamoDB rejects unused
    /// ones). Every attribute goes through #name so no reserved word can break an expression.
    /// </summary>
    public static (Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values) Placeholders(
        Dictionary<string, AttributeValue> values, params string?[] expressions)
    {
        var text = string.Join(" ", expressions.Where(e => e is not null));
        var tokens = System.Text.RegularExpressions.Regex.Matches(text, "[#:][a-z0-9_]+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var names = tokens.Where(t => t[0] == '#').ToDictionary(t => t, t => t[1..], StringComparer.Ordinal);
        var used = values.Where(v => tokens.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return (names, used);
    }

    public static LockInfo? ReadLock(Dictionary<string, AttributeValue>? item)
    {
        if (item is null || !item.TryGetValue(Holder, out var holder))
        {
            return null;
        }

        return new LockInfo(
            holder.S,
            item[Host].S,
            int.Parse(item[Pid].N, CultureInfo.InvariantCulture),
            item.TryGetValue(PidStart, out var start) ? long.Parse(start.N, CultureInfo.InvariantCulture) : null,
            item[Command].S,
            Time(item[AcquiredAt].S),
            Time(item[HeartbeatAt].S));
    }

    public static DateTimeOffset? LeaseExpiry(Dictionary<string, AttributeValue>? item) =>
        item is not null && item.TryGetValue(LeaseExpiresAt, out var value) ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(value.N, CultureInfo.InvariantCulture)) : null;

    public static StateHead? ReadHead(Dictionary<string, AttributeValue>? item) =>
        item is not null && item.TryGetValue(Serial, out var serial)
            ? new StateHead(long.Parse(serial.N, CultureInfo.InvariantCulture), item[Key].S, item[Sha256].S)
            : null;

    /// <summary>The SET values of a lock held by <paramref name="mine"/> until <paramref name="leaseExpires"/>.</summary>
    public static Dictionary<string, AttributeValue> LockValues(LockInfo mine, DateTimeOffset leaseExpires)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":holder"] = new() { S = mine.Holder },
            [":host"] = new() { S = mine.Host },
            [":pid"] = Number(mine.Pid),
            [":command"] = new() { S = mine.Command },
            [":acquired_at"] = new() { S = Text(mine.AcquiredAt) },
            [":heartbeat_at"] = new() { S = Text(mine.HeartbeatAt) },
            [":lease_expires_at"] = Number(leaseExpires.ToUnixTimeMilliseconds()),
        };
        if (mine.PidStart is { } start)
        {
            values[":pid_start"] = Number(start);
        }

        return values;
    }

    /// <summary>SET for every lock attribute; pid_start is removed when the holder has none (another platform).</summary>
    public static string LockUpdate(LockInfo mine) =>
        "SET #holder = :holder, #host = :host, #pid = :pid, #command = :command, #acquired_at = :acquired_at, #heartbeat_at = :heartbeat_at, #lease_expires_at = :lease_expires_at"
        + (mine.PidStart is null ? " REMOVE #pid_start" : ", #pid_start = :pid_start");

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
