namespace Stagecraft.Integration.Tests.State.Contract;

public sealed class SqliteStateStoreContractTests : StateStoreContract
{
    protected override Task<IStateHarness> CreateHarnessAsync() => Task.FromResult<IStateHarness>(new SqliteHarness());
}
