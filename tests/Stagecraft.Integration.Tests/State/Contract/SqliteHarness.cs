using Stagecraft.Core.Secrets;
using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State.Contract;

/// <summary>The sqlite backend's place: a state file in a temp project.</summary>
internal sealed class SqliteHarness : IStateHarness
{
    private readonly StateFile _file = new();

    public IStateStore Open(IValueProtector? protector = null, TimeProvider? time = null) => _file.Open(protector, time);

    public Task<bool> HasStateAsync() => Task.FromResult(Directory.Exists(_file.StateDirectory));

    public Task<bool> StoredBytesContainAsync(string text) => Task.FromResult(_file.RawBytesContain(text));

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
