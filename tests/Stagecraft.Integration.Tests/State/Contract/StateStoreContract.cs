using FluentAssertions.Equivalency;
using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State.Contract;

/// <summary>
/// What every state backend must do the same way for the engine (the semantics of the sqlite
/// store, which came first). Each backend's test class inherits these tests and says where its
/// state lives; backend-only behaviour (files, objects, items) is tested beside it.
/// </summary>
public abstract partial class StateStoreContract
{
    protected abstract Task<IStateHarness> CreateHarnessAsync();

    /// <summary>False for a server whose conditional writes race under concurrent requests (moto): the lock election is then run one contender at a time.</summary>
    protected virtual bool ConditionalWritesAreAtomic => true;

    private static EquivalencyAssertionOptions<StageRecord> Records(EquivalencyAssertionOptions<StageRecord> options) =>
        options.ComparingRecordsByMembers().WithStrictOrdering();
}
