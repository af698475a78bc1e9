using Stagecraft.Core.State.Portable;

namespace Stagecraft.Core.State;

/// <summary>
/// A store whose whole state can be read out and replaced, for 'state pull' and 'state push'.
/// Optional beside <see cref="IStateStore"/>: the engine never needs it.
/// </summary>
public interface IStateTransfer
{
    /// <summary>Everything the store holds, in one consistent read; an empty document when there is no state yet.</summary>
    Task<StateDocument> ExportAsync(CancellationToken cancellationToken);

    /// <summary>Replaces everything the store holds with <paramref name="document"/>, in one write. Run ids are kept.</summary>
    Task ImportAsync(StateDocument document, CancellationToken cancellationToken);
}
