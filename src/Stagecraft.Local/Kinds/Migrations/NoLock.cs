namespace Stagecraft.Local.Kinds.Migrations;

/// <summary>A lock that holds nothing, for engines whose transactions already serialise runs.</summary>
internal sealed class NoLock : IAsyncDisposable
{
    public static readonly NoLock Instance = new();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
