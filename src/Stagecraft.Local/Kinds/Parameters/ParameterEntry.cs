namespace Stagecraft.Local.Kinds.Parameters;

/// <summary>One value to publish: the key as written, the full parameter name, and whether it is stored encrypted.</summary>
internal sealed record ParameterEntry(string Key, string Name, string Value, bool Secure);
