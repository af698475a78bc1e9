using Stagecraft.Core.State.Portable;

namespace Stagecraft.Aws.State;

/// <summary>
/// Reads and writes the versioned state document. A write puts a new, never-changed version
/// object, then moves the pointer in the lock table with a condition on the version it started
/// from (and, while this store holds the lock, on still holding it). A racing writer's change is
/// therefore rejected, not lost: the write is redone on the newer version (<see cref="MaxAttempts"/>).
/// </summary>
internal sealed class StateRepository(StateLocation location, ControlTable control, VersionObjects objects, IValueProtector? protector, TimeProvider time) : IDisposable
{
    public const int MaxAttempts = 8;

    private readonly byte[] _newHmacKey = RandomNumberGenerator.GetBytes(32);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile CommittedVersion? _cached;
    private int _conflicts;

    /// <summary>While set, every write also requires that this holder still has the lock (fencing a run that lost it).</summary>
    public LockInfo? Owner { get; set; }

    /// <summary>How many writes were rejected because the state had moved on (for tests and diagnostics).</summary>
    public int Conflicts => Volatile.Read(ref _conflicts);

    /// <summary>Test seam: runs after the new version object is written, before the pointer moves.</summary>
    internal Func<CancellationToken, Task>? BeforeCommit { get; set; }

    public static string WrittenBy => $"{Environment.UserName}@{Environment.MachineName}";

    public async Task<CommittedVersion> ReadAsync(CancellationToken cancellationToken)
    {
        var head = ControlItem.ReadHead(await control.ReadAsync(cancellationToken).ConfigureAwait(false));
        return await AtAsync(head, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The document of <paramref name="head"/>, checked against its SHA-256.</summary>
    public async Task<CommittedVersion> AtAsync(StateHead? head, CancellationToken cancellationToken)
    {
        if (head is null)
        {
            return new CommittedVersion(null, StateDocument.Empty((byte[])_newHmacKey.Clone()));
        }

        if (_cached is { } cached && cached.Head == head)
        {
            return cached;
        }

        var body = await objects.GetAsync(head.Key, cancellationToken).ConfigureAwait(false)
            ?? throw Damaged(head, "which does not exist");
        if (Sha256(body) != head.Sha256)
        {
            throw Damaged(head, "whose content does not match the checksum recorded with it (changed outside Stagecraft?)");
        }

        var version = new CommittedVersion(head, StateDocumentJson.Deserialize(body, protector, $"s3://{location.Bucket}/{head.Key}"));
        _cached = version;
        return version;
    }

    /// <summary>
    /// Writes the document <paramref name="change"/> makes of the current one. With
    /// <paramref name="whenMissing"/> a write that needs existing state does nothing when there is none.
    /// A <paramref name="replacesAll"/> write (push, restore) also works when the current version is
    /// damaged: it sees an empty document instead, which is how it repairs the state.
    /// </summary>
    public async Task<(T Result, VersionInfo Version)> CommitAsync<T>(string description, Func<StateDocument, DateTimeOffset, (StateDocument Next, T Result)> change,
        Func<T>? whenMissing, CancellationToken cancellationToken, bool replacesAll = false)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = replacesAll ? await ReadForReplaceAsync(cancellationToken).ConfigureAwait(false) : await ReadAsync(cancellationToken).ConfigureAwait(false);
                if (current.Head is null && whenMissing is not null)
                {
                    return (whenMissing(), new VersionInfo(0, "", null, null, time.GetUtcNow(), WrittenBy, description, 0));
                }

                var now = time.GetUtcNow();
                var (next, result) = change(current.Document, now);
                var body = StateDocumentJson.Serialize(next, protector);
                cancellationToken.ThrowIfCancellationRequested();
                var serial = (current.Head?.Serial ?? 0) + 1;
                var version = new VersionInfo(serial, location.VersionKey(serial), current.Head?.Key, current.Head?.Sha256, now, WrittenBy, description, body.Length);
                if (await TryCommitAsync(current.Head, next, body, version, cancellationToken).ConfigureAwait(false))
                {
                    return (result, version);
                }

                if (attempt == MaxAttempts)
                {
                    throw new StagecraftException(
                        $"the state of environment '{location.Environment}' changed under this write {MaxAttempts} times in a row ({description}); none of it was written",
                        ExitCodes.StageFailed, "another process keeps writing this environment's state; run again once it is done");
                }

                // Full jitter, doubling: writers that keep colliding spread out instead of colliding again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, Math.Min(1000, 25 << attempt))), time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose() => _writeGate.Dispose();

    private async Task<CommittedVersion> ReadForReplaceAsync(CancellationToken cancellationToken)
    {
        var head = ControlItem.ReadHead(await control.ReadAsync(cancellationToken).ConfigureAwait(false));
        try
        {
            return await AtAsync(head, cancellationToken).ConfigureAwait(false);
        }
        catch (StagecraftException) when (head is not null)
        {
            return new CommittedVersion(head, StateDocument.Empty((byte[])_newHmacKey.Clone()));
        }
    }

    private static string Sha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>True when the pointer now names our version; false when another writer got there first.</summary>
    private async Task<bool> TryCommitAsync(StateHead? expected, StateDocument next, byte[] body, VersionInfo version, CancellationToken cancellationToken)
    {
        await objects.PutAsync(body, version, cancellationToken).ConfigureAwait(false);
        if (BeforeCommit is { } hook)
        {
            await hook(cancellationToken).ConfigureAwait(false);
        }

        // From here on the outcome must be known, so Ctrl-C does not interrupt it (it is one short request).
        var head = new StateHead(version.Serial, version.Key, Sha256(body));
        _cached = null;
        if (await control.TryAdvanceAsync(expected, head, version.WrittenAt, Owner, CancellationToken.None).ConfigureAwait(false))
        {
            _cached = new CommittedVersion(head, next);
            return true;
        }

        // A retried request may have moved the pointer itself before its answer was lost: look before deciding.
        var item = await control.ReadAsync(CancellationToken.None).ConfigureAwait(false);
        if (ControlItem.ReadHead(item)?.Key == version.Key)
        {
            _cached = new CommittedVersion(head, next);
            return true;
        }

        await objects.TryDeleteAsync(version.Key).ConfigureAwait(false);
        Interlocked.Increment(ref _conflicts);
        if (Owner is { } owner && ControlItem.ReadLock(item) is var holder && (holder is null || holder.Host != owner.Host || holder.Pid != owner.Pid))
        {
            throw new StagecraftException(
                $"environment '{location.Environment}' is no longer locked by this run ({(holder is null ? "the lock was removed" : "now locked by " + holder.Describe())}); "
                + "its state write was refused so it cannot overwrite the new holder's",
                ExitCodes.Locked, "its lease expired or someone ran 'stagecraft unlock'; check 'stagecraft status', then deploy again");
        }

        return false;
    }

    private StagecraftException Damaged(StateHead head, string problem) => new(
        $"the state of environment '{location.Environment}' points at version {head.Serial}, s3://{location.Bucket}/{head.Key}, {problem}",
        ExitCodes.StageFailed, "put a good version back with 'stagecraft state restore VERSION' (see 'stagecraft state history')");
}
