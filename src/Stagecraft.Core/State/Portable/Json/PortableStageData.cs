namespace Stagecraft.Core.State.Portable.Json;

internal sealed record PortableStageData(string Stage, string Key, string Value);
