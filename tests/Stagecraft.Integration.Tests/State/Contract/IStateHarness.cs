using Stagecraft.Core.Secrets;
using Stagecraft.Core.State;

namespace Stagecraft.Integration.Tests.State.Contract;

/// <summary>One place where a backend keeps an environment's state; every store opened on it shares that state.</summary>
public interface IStateHarness : IAsyncDisposable
{
    IStateStore Open(IValueProtector? protector = null, TimeProvider? time = null);

    /// <summary>True once anything was stored (a file, an object, an item).</summary>
    Task<bool> HasStateAsync();

    /// <summary>Whether the stored bytes contain <paramref name="text"/>, looked at behind the store's back.</summary>
    Task<bool> StoredBytesContainAsync(string text);
}
