namespace Stagecraft.Core.State;

/// <summary>A kind of state store (sqlite, s3) and the settings it takes under an environment's 'state'.</summary>
public abstract class StateBackend
{
    public abstract string Name { get; }

    public abstract KindSchema Schema { get; }

    /// <summary>Opens the store. Reading a store that does not exist yet gives empty state; the first write creates it.</summary>
    public abstract IStateStore Open(StateOpenContext context);
}
