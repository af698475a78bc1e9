namespace Stagecraft.Core.State.Portable.Json;

/// <summary>An output as stored: a sensitive value is either protected (encrypted) or masked, never clear.</summary>
internal sealed record PortableOutput(string Value, bool Sensitive, bool Protected);
