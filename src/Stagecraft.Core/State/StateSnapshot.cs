namespace Stagecraft.Core.State;

/// <summary>The stages as state knows them, read once at the start of a command.</summary>
public sealed record StateSnapshot(IReadOnlyDictionary<string, StageRecord> Stages, byte[] HmacKey)
{
    public StageRecord? Find(string name) => Stages.GetValueOrDefault(name);
}
