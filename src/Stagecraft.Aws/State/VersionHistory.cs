namespace Stagecraft.Aws.State;

/// <summary>
/// The chain of committed versions, newest first: each version object names the one it replaced
/// in its metadata. Rejected writes are never in the chain, so they never show up as history.
/// </summary>
internal sealed class VersionHistory(ControlTable control, VersionObjects objects, string environment)
{
    private readonly string _environment = environment;

    public async Task<IReadOnlyList<StateVersion>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var versions = new List<StateVersion>();
        var head = ControlItem.ReadHead(await control.ReadAsync(cancellationToken).ConfigureAwait(false));
        var key = head?.Key;
        while (key is not null && versions.Count < limit)
        {
            // A version removed by a lifecycle rule ends the chain that can still be shown.
            if (await objects.DescribeAsync(key, cancellationToken).ConfigureAwait(false) is not { } info)
            {
                break;
            }

            versions.Add(new StateVersion(info.Serial, info.WrittenAt, info.WrittenBy, info.Change, info.Size, key == head!.Key));
            key = info.Parent;
        }

        return versions;
    }

    /// <summary>
    /// Version <paramref name="number"/>, found by walking back from the current one, with the
    /// checksum its successor recorded for it.
    /// </summary>
    public async Task<(VersionInfo Version, StateHead Head)> FindAsync(long number, CancellationToken cancellationToken)
    {
        var head = ControlItem.ReadHead(await control.ReadAsync(cancellationToken).ConfigureAwait(false));
        var (key, sha) = (head?.Key, head?.Sha256);
        long? oldest = null;
        while (head is not null && number <= head.Serial && key is not null && sha is not null
            && await objects.DescribeAsync(key, cancellationToken).ConfigureAwait(false) is { } info)
        {
            if (info.Serial == number)
            {
                return (info, new StateHead(info.Serial, key, sha));
            }

            oldest = info.Serial;
            (key, sha) = (info.Parent, info.ParentSha256);
        }

        var kept = head is null ? "it has no state yet"
            : number > head.Serial ? $"the current version is {head.Serial}"
            : $"the oldest version still kept is {oldest ?? head.Serial}";
        throw new StagecraftException($"environment '{_environment}' has no state version {number} ({kept})",
            ExitCodes.InvalidInput, $"list the versions with: stagecraft state history -e {_environment}");
    }
}
