namespace Stagecraft.Core.State.Portable;

/// <summary>One kind-private value of a stage (see <see cref="IStateStore.GetStageDataAsync"/>).</summary>
public sealed record StageDataEntry(string Stage, string Key, string Value);
