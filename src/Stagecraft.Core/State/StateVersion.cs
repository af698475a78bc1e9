namespace Stagecraft.Core.State;

/// <summary>One stored version of an environment's state: what wrote it, when, and why.</summary>
public sealed record StateVersion(long Number, DateTimeOffset WrittenAt, string WrittenBy, string Change, long Size, bool Current);
