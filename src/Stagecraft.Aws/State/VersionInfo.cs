namespace Stagecraft.Aws.State;

/// <summary>
/// What a version object says of itself in its metadata: <see cref="Parent"/> is the version it
/// replaced and <see cref="ParentSha256"/> that version's checksum, so every older version can be
/// checked as well as the current one.
/// </summary>
internal sealed record VersionInfo(long Serial, string Key, string? Parent, string? ParentSha256, DateTimeOffset WrittenAt, string WrittenBy, string Change, long Size);
