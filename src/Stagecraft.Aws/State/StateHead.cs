namespace Stagecraft.Aws.State;

/// <summary>The current version of an environment's state: its serial number, its object, and that object's SHA-256.</summary>
internal sealed record StateHead(long Serial, string Key, string Sha256);
